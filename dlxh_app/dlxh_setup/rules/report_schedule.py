"""The monthly reporting calendar: deadline day, reminder days, time zone."""

from zoneinfo import available_timezones

from dlxh_app.dlxh_setup.rules import RuleError

LAST_SAFE_DAY = 28
"""Every month has days 1 to 28, so a deadline or a reminder on one of them exists each month."""


def check_day_of_month(day: int) -> None:
	if not 1 <= day <= LAST_SAFE_DAY:
		raise RuleError("day_range", day)


def parse_reminder_days(value: str | None, deadline_day: int) -> list[int]:
	"""Days of the month on which units that have not reported yet are reminded, e.g. "10, 13".

	Sorted and without duplicates. Codes: "not_a_day" (not a whole number), "day_range" (outside 1-28),
	"reminder_after_deadline" (on or after the deadline day)."""
	days: set[int] = set()
	for part in (value or "").replace(";", ",").split(","):
		text = part.strip()
		if not text:
			continue
		if not text.isdigit():
			raise RuleError("not_a_day", text)
		day = int(text)
		check_day_of_month(day)
		if day >= deadline_day:
			raise RuleError("reminder_after_deadline", day, deadline_day)
		days.add(day)
	return sorted(days)


def format_reminder_days(days: list[int]) -> str:
	return ",".join(str(day) for day in days)


def check_time_zone(value: str | None) -> None:
	if (value or "") not in available_timezones():
		raise RuleError("unknown_time_zone", value or "")
