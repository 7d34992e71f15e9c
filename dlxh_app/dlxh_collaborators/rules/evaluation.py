"""Training sessions and the yearly evaluation of a collaborator."""

from datetime import date

from dlxh_app.dlxh_setup.rules import RuleError

FIRST_YEAR = 2000
# A session is at most a few weeks of full days.
MAX_TRAINING_HOURS = 200


def check_hours(hours: float | None) -> None:
	"""Code "hours_range" unless 0 < hours <= MAX_TRAINING_HOURS."""
	if not hours or not 0 < hours <= MAX_TRAINING_HOURS:
		raise RuleError("hours_range", hours, MAX_TRAINING_HOURS)


def check_evaluation_year(year: int | None, today: date) -> None:
	"""A year that has begun: from FIRST_YEAR to this year (the year is evaluated near its end)."""
	if not year or not FIRST_YEAR <= year <= today.year:
		raise RuleError("year_range", year, FIRST_YEAR, today.year)


def year_bounds(year: int) -> tuple[date, date]:
	return date(year, 1, 1), date(year, 12, 31)
