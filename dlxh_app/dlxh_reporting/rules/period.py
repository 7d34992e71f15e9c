"""Reporting periods: a month of a year, for which a unit sends one monthly report."""

import calendar
from datetime import date, timedelta

from dlxh_app.dlxh_setup.rules import RuleError

FIRST_REPORT_YEAR = 2000


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
	previous_year, previous_month = (year, month - 1) if month > 1 else (year - 1, 12)
	return date(previous_year, previous_month, deadline_day), date(year, month, deadline_day) - timedelta(
		days=1
	)


def format_period(year: int, month: int) -> str:
	"""As Vietnamese documents write it: 05/2025."""
	return f"{month:02d}/{year}"
