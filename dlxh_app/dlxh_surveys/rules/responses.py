"""Responses as the rules see them, no database: how a response's answers are stored (one CSV record in the
order of its questionnaire's questions, which pandas reads back for many responses at once), which unit a
respondent's area answer names, and how a batch of responses fills the strata's quotas.

The stored record holds each answer as XPath reads it (rules/questionnaire.py): a multiple choice as its
values separated by spaces, an unanswered question as an empty field."""

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.rules.sampling import OverQuota, quota_decision


def encode_answers(answers: Mapping[str, str], columns: Sequence[str]) -> str:
	"""One CSV record (no line end) of the answers in the order of `columns`."""
	buffer = io.StringIO()
	csv.writer(buffer, lineterminator="").writerow([answers.get(column, "") or "" for column in columns])
	return buffer.getvalue()


def decode_answers(record: str, columns: Sequence[str]) -> dict[str, str]:
	"""The answers of one stored record by question code ("" when unanswered)."""
	values = next(csv.reader(io.StringIO(record or ""), strict=True), [])
	return {column: values[index] if index < len(values) else "" for index, column in enumerate(columns)}


def fold(text: str) -> str:
	"""A name compared without regard to case, Unicode composition or spacing."""
	return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def area_units(labels: Mapping[str, str], units: Iterable[str]) -> dict[str, str]:
	"""The unit each area choice names: a unit whose name ends with the choice's label ("Phường Ninh Kiều"
	names "Đảng ủy phường Ninh Kiều"); choices naming no unit, or more than one, are left out."""
	folded = {unit: fold(unit) for unit in units}
	found = {}
	for value, label in labels.items():
		wanted = fold(label)
		if not wanted:
			continue
		matches = [unit for unit, name in folded.items() if name == wanted or name.endswith(" " + wanted)]
		if len(matches) == 1:
			found[value] = matches[0]
	return found


@dataclass
class Stratum:
	target: int
	achieved: int
	over_quota: int = 0


@dataclass
class QuotaBook:
	"""The strata of a survey while responses are added: each response counted in its stratum, accepted,
	flagged over quota or refused as the survey's over-quota policy says."""

	strata: dict[str, Stratum]
	policy: OverQuota
	added: dict[str, int] = field(default_factory=dict)
	added_over: dict[str, int] = field(default_factory=dict)

	def add(self, key: str) -> bool:
		"""Count one response of stratum `key`; whether it is over quota. Codes: stratum_unknown (the key),
		stratum_full (the key)."""
		stratum = self.strata.get(key)
		if stratum is None:
			raise RuleError("stratum_unknown", key)
		decision = quota_decision(stratum.target, stratum.achieved, self.policy)
		if decision == "refuse":
			raise RuleError("stratum_full", key)
		stratum.achieved += 1
		self.added[key] = self.added.get(key, 0) + 1
		if decision == "flag":
			stratum.over_quota += 1
			self.added_over[key] = self.added_over.get(key, 0) + 1
		return decision == "flag"

	def remove(self, key: str, over: bool) -> None:
		"""Uncount a response (a corrected version leaves its stratum)."""
		stratum = self.strata.get(key)
		if stratum is None:
			return
		stratum.achieved -= 1
		self.added[key] = self.added.get(key, 0) - 1
		if over:
			stratum.over_quota -= 1
			self.added_over[key] = self.added_over.get(key, 0) - 1
