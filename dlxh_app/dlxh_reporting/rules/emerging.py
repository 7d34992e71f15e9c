"""Emerging issues: a topic, or a phrase that no topic names, whose number of opinion entries this week
rises beyond its usual range, per unit and city-wide.

The rule: with c the entries of this week (Monday to Sunday) and m, s the mean and the standard deviation
of the counts of the HISTORY_WEEKS weeks before (weeks without entries count 0), the issue is emerging when

    c >= MIN_COUNT  and  c > m + K * max(s, sqrt(m), 1)

sqrt(m) is the standard deviation a Poisson count of mean m would have: it keeps a series that happened
to be flat (s = 0) from flagging any rise by one; the floor of 1 does the same for series that were empty.
A phrase needs MIN_PHRASE_COUNT entries, since there are many more phrases than topics."""

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

HISTORY_WEEKS = 8
K = 3.0
MIN_COUNT = 3
MIN_PHRASE_COUNT = 5
EXAMPLES = 3
CITY = ""
"""The scope of a city-wide count (a unit's scope is its name)."""

STOP_WORDS = frozenset(
	"""và của là có cho các những được với về trong này đó khi để thì mà đã đang sẽ rất cũng còn như
	người_dân nhân_dân bà_con nhiều một số việc vì nên tại ở theo qua từ đến trên dưới không chưa đề_nghị
	kiến_nghị cho_rằng tình_trạng tình_hình khu_vực lo_lắng lo_ngại băn_khoăn e_ngại bức_xúc bất_bình
	phản_đối đồng_tình phấn_khởi hoan_nghênh tin_tưởng vui_mừng ủng_hộ quan_tâm than_phiền""".split()
)


@dataclass
class Observation:
	"""One entry's contribution: its kind ("topic" or "phrase"), the topic or phrase, unit and date."""

	kind: str
	key: str
	unit: str
	day: date
	entry: str


@dataclass
class Issue:
	kind: str
	key: str
	unit: str
	week: date
	count: int
	mean: float
	sd: float
	threshold: float
	examples: list[str] = field(default_factory=list)
	related: list[str] = field(default_factory=list)
	"""Phrases left out because all their entries are this issue's (the same story)."""


def week_of(day: date) -> date:
	"""The Monday of the day's week."""
	return day - timedelta(days=day.weekday())


def threshold(history: list[int]) -> tuple[float, float, float]:
	"""Mean, standard deviation (population) and the count this week must exceed."""
	mean = sum(history) / len(history) if history else 0.0
	sd = math.sqrt(sum((count - mean) ** 2 for count in history) / len(history)) if history else 0.0
	return mean, sd, mean + K * max(sd, math.sqrt(mean), 1.0)


def is_emerging(count: int, history: list[int], minimum: int = MIN_COUNT) -> bool:
	return count >= minimum and count > threshold(history)[2]


def find_emerging(observations: list[Observation], today: date) -> list[Issue]:
	"""The emerging issues of today's week, city-wide and per unit, the largest excess first; a phrase
	whose entries are all among those of a phrase flagged before it in the same scope is left out, as a
	related phrase of that one."""
	this_week = week_of(today)
	weeks = [this_week - timedelta(weeks=n) for n in range(HISTORY_WEEKS, 0, -1)]
	counts = defaultdict(lambda: defaultdict(set))
	for obs in observations:
		week = week_of(obs.day)
		if week < weeks[0] or week > this_week:
			continue
		for scope in (CITY, obs.unit):
			counts[(obs.kind, obs.key, scope)][week].add(obs.entry)
	issues = []
	for (kind, key, scope), by_week in counts.items():
		current = by_week.get(this_week, set())
		history = [len(by_week.get(week, ())) for week in weeks]
		minimum = MIN_PHRASE_COUNT if kind == "phrase" else MIN_COUNT
		if not is_emerging(len(current), history, minimum):
			continue
		mean, sd, limit = threshold(history)
		issues.append(
			Issue(kind, key, scope, this_week, len(current), *map(_round, (mean, sd, limit)), sorted(current))
		)
	# Larger excess first; of equal ones, the longer phrase first, so that it is the one kept.
	issues.sort(key=lambda i: (-(i.count - i.threshold), i.kind, -len(i.key), i.key, i.unit))
	kept = []
	for issue in issues:
		entries = set(issue.examples)
		wider = issue.kind == "phrase" and next(
			(
				other
				for other in kept
				if other.kind == "phrase" and other.unit == issue.unit and entries <= set(other.examples)
			),
			None,
		)
		if wider:
			wider.related.append(issue.key)
		else:
			kept.append(issue)
	for issue in kept:
		issue.examples = issue.examples[:EXAMPLES]
	return kept


def phrases(words: list[str], known: set[str]) -> set[str]:
	"""The candidate phrases of an entry's segmented words: compound words ("tiền_ảo") and pairs of
	neighbouring words, neither a stop word, nor containing a word of a topic's name or keywords."""
	content = [
		word if word not in STOP_WORDS and word not in known and len(word) > 1 else None for word in words
	]
	found = {word for word in content if word and "_" in word}
	found |= {f"{a} {b}" for a, b in itertools.pairwise(content) if a and b}
	return found


def _round(value: float) -> float:
	return round(value, 2)
