"""How the city's monthly synthesis condenses the accepted unit reports of a period: per topic, the items
by trend, the units that raised it, the concerns worth quoting, and the change since the month before.

The database counts and lists (grouped queries); these functions only arrange what it returns."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dlxh_app.dlxh_reporting.rules.similar import Group, stories_by_key
from dlxh_app.dlxh_setup.rules.text import plain_text

TRENDS = ("Positive", "Negative", "Mixed", "Concerned")
# An item is a concern worth quoting first by the interest it draws, then by how uneasy it is.
INTEREST_RANK = {"High": 3, "Medium": 2, "Low": 1}
UNEASE_RANK = {"Concerned": 4, "Negative": 3, "Mixed": 2, "Positive": 1}
CONCERNS_PER_TOPIC = 3
# Long enough for a sentence of what people say, short enough for a table cell of the printed report.
QUOTE_LENGTH = 160
ELLIPSIS = "…"

Period = tuple[int, int]


@dataclass(frozen=True)
class Item:
	"""One opinion item of an accepted report, as a candidate concern."""

	topic: str
	unit: str
	trend: str | None
	level_of_interest: str | None
	content: str


@dataclass(frozen=True)
class TopicSummary:
	topic: str
	by_trend: dict[str, int]  # every trend of TRENDS, zeros included
	total: int  # every item, those without a trend too
	previous_total: int
	units: tuple[str, ...]
	concerns: tuple[Item, ...]

	@property
	def change(self) -> int:
		return self.total - self.previous_total


def summarize_topics(
	counts: Iterable[tuple[str, str | None, int]],
	previous_totals: dict[str, int],
	units: Iterable[tuple[str, str]],
	items: Iterable[Item],
	concerns_per_topic: int = CONCERNS_PER_TOPIC,
) -> list[TopicSummary]:
	"""One summary per topic raised in the period or in the month before (the latter with no items now,
	so that a topic that has died down shows its fall): the most raised first, ties and the topics no
	longer raised by how much they were raised the month before.

	`counts` are (topic, trend, items) of the period; `previous_totals` the items per topic of the month
	before; `units` (topic, unit) pairs in the order the units are to be listed; `items` the period's
	items in report order, from which the concerns are picked."""
	by_trend: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TRENDS, 0))
	totals: dict[str, int] = defaultdict(int)
	for topic, trend, number in counts:
		totals[topic] += number
		if trend in TRENDS:
			by_trend[topic][trend] += number
	raising: dict[str, list[str]] = defaultdict(list)
	for topic, unit in units:
		if unit not in raising[topic]:
			raising[topic].append(unit)
	candidates: dict[str, list[Item]] = defaultdict(list)
	for item in items:
		candidates[item.topic].append(item)

	summaries = [
		TopicSummary(
			topic=topic,
			by_trend=dict(by_trend[topic]),
			total=totals.get(topic, 0),
			previous_total=previous_totals.get(topic, 0),
			units=tuple(raising[topic]),
			concerns=tuple(top_concerns(candidates[topic], concerns_per_topic)),
		)
		for topic in set(totals) | {topic for topic, number in previous_totals.items() if number}
	]
	return sorted(summaries, key=lambda summary: (-summary.total, -summary.previous_total, summary.topic))


@dataclass(frozen=True)
class Story:
	"""Items telling the same story (rules/similar.py): the first of them, how many, and their units."""

	item: Item
	tellings: int
	units: tuple[str, ...]


def stories_by_topic(items: list[Item], groups: list[Group]) -> dict[str, tuple[int, list[Story]]]:
	"""Per topic of the items: how many stories its items tell (a group of similar items counting once),
	and the stories told by several items, the most told first. A group whose items are filed under two
	topics is a story of each."""
	counts = stories_by_key([item.topic for item in items], groups)
	heard: dict[str, list[Story]] = defaultdict(list)
	for group in groups:
		members = [items[index] for index in group.members]
		story = Story(members[0], len(members), tuple(dict.fromkeys(item.unit for item in members)))
		for topic in dict.fromkeys(item.topic for item in members):
			heard[topic].append(story)
	return {
		topic: (count["stories"], sorted(heard[topic], key=lambda story: -story.tellings))
		for topic, count in counts.items()
	}


def top_concerns(items: Iterable[Item], limit: int = CONCERNS_PER_TOPIC) -> list[Item]:
	"""The `limit` items drawing the most interest, the more uneasy first among equals, in their given
	order otherwise; an item saying what an earlier pick already says (same text) is not repeated."""
	ranked = sorted(
		items,
		key=lambda item: (
			-INTEREST_RANK.get(item.level_of_interest or "", 0),
			-UNEASE_RANK.get(item.trend or "", 0),
		),
	)
	picked: list[Item] = []
	said: set[str] = set()
	for item in ranked:
		text = quote(item.content).casefold()
		if text in said:
			continue
		said.add(text)
		picked.append(item)
		if len(picked) == limit:
			break
	return picked


def quote(content: str | None, length: int = QUOTE_LENGTH) -> str:
	"""The item's text on one line, cut at a word before `length` characters (ellipsis included)."""
	text = " ".join(plain_text(content).split("\n"))
	if len(text) <= length:
		return text
	cut = text[: length - len(ELLIPSIS)]
	if cut[-1:].isalnum() and text[len(cut)].isalnum() and " " in cut:
		# Inside a word: end with the word before it.
		cut = cut[: cut.rindex(" ")]
	return cut.rstrip(" ,;:.-–") + ELLIPSIS


def format_concerns(concerns: Iterable[Item]) -> str:
	"""A line per concern: - “what people say” (unit)."""
	return "\n".join(f"- “{quote(item.content)}” ({item.unit})" for item in concerns)


def format_units(units: Iterable[str]) -> str:
	return ", ".join(units)


def months_up_to(last: Period, count: int) -> list[Period]:
	"""The `count` months ending with `last`, in order: 06/2024 to 05/2025 for twelve up to 05/2025."""
	end = last[0] * 12 + last[1] - 1
	return [(index // 12, index % 12 + 1) for index in range(end - count + 1, end + 1)]
