"""Reading a list of collaborators typed in a spreadsheet: the cells as people type them."""

import re
from datetime import date, datetime

from dlxh_app.dlxh_collaborators.rules.collaborator import fold
from dlxh_app.dlxh_setup.rules import RuleError

YES = frozenset({"x", "1", "co", "yes", "true", "dang vien"})
NO = frozenset({"", "0", "khong", "no", "false"})
DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
YEAR_MONTH_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def parse_check(value) -> int:
	"""A tick typed as x, 1, có, yes (any case or accents); empty, 0, không, no are no tick."""
	text = fold(str(value if value is not None else ""))
	if text in YES:
		return 1
	if text in NO:
		return 0
	raise RuleError("check", value)


def parse_date(value) -> date | None:
	"""A date cell (the spreadsheet's own), or text written dd/mm/yyyy (as Vietnamese lists are) or
	yyyy-mm-dd."""
	if value in (None, ""):
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	text = str(value).strip()
	try:
		if match := DAY_MONTH_YEAR.fullmatch(text):
			day, month, year = (int(part) for part in match.groups())
			return date(year, month, day)
		if match := YEAR_MONTH_DAY.fullmatch(text):
			return date(*(int(part) for part in match.groups()))
	except ValueError:
		pass
	raise RuleError("date", value)


def parse_int(value) -> int | None:
	if value in (None, ""):
		return None
	if isinstance(value, float) and value.is_integer():
		return int(value)
	if isinstance(value, int):
		return value
	text = str(value).strip()
	if text.isdigit():
		return int(text)
	raise RuleError("integer", value)


def parse_option(value, options: dict[str, str]) -> str:
	"""One of a Select's options, typed as the option or as it reads in the user's language (`options`:
	what may be typed -> the option), whatever the case and accents."""
	if value in (None, ""):
		return ""
	folded = {fold(typed): option for typed, option in options.items()}
	option = folded.get(fold(str(value)))
	if option is None:
		raise RuleError("option", value)
	return option


def column_map(headers: list, columns: dict[str, str]) -> dict[int, str]:
	"""Column index -> fieldname, for the headers that name a field (`columns`: what a header may say ->
	fieldname, compared without case or accents). Code "duplicate_column" when two name the same field."""
	folded = {fold(header): fieldname for header, fieldname in columns.items()}
	found: dict[int, str] = {}
	for index, header in enumerate(headers):
		fieldname = folded.get(fold(str(header or "")))
		if not fieldname:
			continue
		if fieldname in found.values():
			raise RuleError("duplicate_column", header)
		found[index] = fieldname
	return found
