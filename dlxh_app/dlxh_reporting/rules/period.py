"""Reporting periods: a month of a year, for which a unit sends one monthly report."""

import calendar
import re
from datetime import date, timedelta

from dlxh_app.dlxh_setup.rules import RuleError

FIRST_REPORT_YEAR = 2000

PERIOD_KEY = re.compile(r"([0-9]{4})-([0-9]{2})")


def check_period(year: int, month: int, today: date) -> None:
	"""Codes "month_range", "year_range" (before FIRST_REPORT_YEAR) and "future" (a month after the
	current one: a monthly report is due in its own month, so the current month may be reported)."""
	if not 1 <= month <= 12:
		raise RuleError("month_range", month)
	if year < FIRST_REPORT_YEAR:
		raise RuleError("year_range", year, FIRST_REPORT_YEAR, today.year)
	if (year, month) > (today.year, today.month):
		raise RuleError("future", year, month)


def month_bounds(year: int, month: int) -> tuple[date, date]:
	"""The first and last day of the month."""
	return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def entry_window(year: int, month: int, deadline_day: int) -> tuple[date, date]:
	"""The days whose opinions the monthly report of the period covers, both included: from the deadline
	day of the month before to the day before the deadline of this month (15/4 to 14/5 for May with the
	deadline on the 15th), so that consecutive reports cover every day once."""
	previous_year, previous_month = previous_period(year, month)
	return date(previous_year, previous_month, deadline_day), date(year, month, deadline_day) - timedelta(
		days=1
	)


def previous_period(year: int, month: int) -> tuple[int, int]:
	"""The month before: 12/2024 for 01/2025."""
	return add_months(year, month, -1)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
	"""The period `months` after the month given (before it when negative): 11/2025 for 01/2026 and -2."""
	index = year * 12 + month - 1 + months
	return index // 12, index % 12 + 1


def format_period(year: int, month: int) -> str:
	"""As Vietnamese documents write it: 05/2025."""
	return f"{month:02d}/{year}"


def period_key(year: int, month: int) -> str:
	"""As the API writes it: 2025-05 (sorts as text in period order)."""
	return f"{year:04d}-{month:02d}"


def parse_period(text: str | None) -> tuple[int, int]:
	"""A period written as `period_key` writes it. Code "period_format" for anything else."""
	match = PERIOD_KEY.fullmatch((text or "").strip())
	if not match or not 1 <= int(match[2]) <= 12:
		raise RuleError("period_format", text)
	return int(match[1]), int(match[2])


def periods_between(first: tuple[int, int], last: tuple[int, int], limit: int) -> list[tuple[int, int]]:
	"""The periods from `first` to `last`, both included. Codes "period_order" (first after last) and
	"period_count" (more than `limit` periods; values: the count and the limit)."""
	if first > last:
		raise RuleError("period_order", first, last)
	start = first[0] * 12 + first[1] - 1
	count = last[0] * 12 + last[1] - start
	if count > limit:
		raise RuleError("period_count", count, limit)
	return [(index // 12, index % 12 + 1) for index in range(start, start + count)]
