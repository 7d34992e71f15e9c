"""Party terms (nhiệm kỳ), written "2025-2030". Document numbers restart in each term."""

import re
from datetime import date
from typing import NamedTuple

from dlxh_app.dlxh_setup.rules import RuleError

# Hyphen, en dash or em dash, with or without spaces around it: "2025-2030", "2025 – 2030".
_TERM = re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})")


class PartyTerm(NamedTuple):
	start_year: int
	end_year: int

	def __str__(self) -> str:
		return f"{self.start_year}-{self.end_year}"

	def contains_year(self, year: int) -> bool:
		"""The first year belongs to the term, the last one to the next term (congresses are held in it)."""
		return self.start_year <= year < self.end_year


def parse_party_term(value: str | None) -> PartyTerm:
	"""Code "term_format" for anything but two four-digit years, "term_order" unless the second is later."""
	match = _TERM.fullmatch((value or "").strip())
	if not match:
		raise RuleError("term_format", value or "")
	term = PartyTerm(int(match.group(1)), int(match.group(2)))
	if term.end_year <= term.start_year:
		raise RuleError("term_order", str(term))
	return term


def check_term_start(term: PartyTerm, start: date) -> None:
	"""The date the term began (the congress) falls in the term: code "term_start_outside" otherwise."""
	if not term.contains_year(start.year):
		raise RuleError("term_start_outside", start, str(term))
