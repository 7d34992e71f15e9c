"""When a report is due and whether it came in time.

The monthly report of period M/YYYY is due before the deadline day (the 15th by default) of month M
itself, in the local time of the Propaganda Department (Asia/Ho_Chi_Minh): "before the 15th" means sent
by 23:59:59 on the 14th, local time, so the deadline is 00:00 local time on the 15th. The database keeps
datetimes naive in the system time zone, which on a server may be UTC; `to_aware` and `to_naive` convert
at that boundary so that every comparison is between aware datetimes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.report_schedule import check_day_of_month

DAY = timedelta(days=1)


def deadline_for(period_year: int, period_month: int, deadline_day: int, tz: str | ZoneInfo) -> datetime:
	"""The first instant at which the monthly report of the period is late: 00:00 local time on the
	deadline day of the period's month. Codes "day_range" (a day not in every month), "month_range"."""
	check_day_of_month(deadline_day)
	if not 1 <= period_month <= 12:
		raise RuleError("month_range", period_month)
	return datetime(period_year, period_month, deadline_day, tzinfo=zone(tz))


def judge(sent_at: datetime, deadline: datetime) -> tuple[bool, int]:
	"""(on time, days late): on time when sent before the deadline; otherwise late by the days begun since
	it, so that a report sent at 00:00 or 23:59 on the deadline day is one day late. Code "naive_datetime"
	when either datetime has no time zone, since comparing it would silently assume one."""
	for value in (sent_at, deadline):
		if value.tzinfo is None or value.utcoffset() is None:
			raise RuleError("naive_datetime", value)
	if sent_at < deadline:
		return True, 0
	return False, (sent_at - deadline) // DAY + 1


def to_aware(value: datetime, tz: str | ZoneInfo) -> datetime:
	"""A naive datetime as stored by the database (in the system time zone `tz`) made aware."""
	return value.replace(tzinfo=zone(tz))


def to_naive(value: datetime, tz: str | ZoneInfo) -> datetime:
	"""An aware datetime as the database stores it: the wall-clock time in the system time zone `tz`."""
	return value.astimezone(zone(tz)).replace(tzinfo=None)


def zone(tz: str | ZoneInfo) -> ZoneInfo:
	return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
