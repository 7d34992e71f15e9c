"""When the demo's records happen: the demo lives in today.

Its 2025 records keep their dates (the data writes them, "2025-07-16 10:15"); what came after is
anchored to the current date in the Department's time zone (DLXH Settings): the months before the
current one, the current month, plans, syntheses and a request dated relative to today ("today-13
09:30"). Every record is a course of steps at given moments, and only the steps up to now are taken: the
current month's reports that are due later are not sent yet, a request issued two weeks ago has the
answers sent so far.

The app stamps what it records with the real clock (the send time that decides lateness, the acceptance,
creation and the timeline), and its rules hold for the day a thing is done (a request's deadline must be
ahead). Rather than fake the clock for the whole process, each record is made now and then given its
moment: `DemoTime` rewrites the timestamps, the send time and the on-time judgement (made again with the
app's own rule) in place, as the records would have been had they been made then.

Records are made in the order of their moments (`run_in_order`), so that the numbers documents are given
when they are issued follow the calendar, and the Party term changes between them as it did."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import frappe
from frappe.model.naming import make_autoname
from frappe.utils import get_datetime, get_system_timezone, now_datetime

from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import local_now
from dlxh_app.dlxh_reporting.rules.deadline import to_naive
from dlxh_app.dlxh_reporting.rules.period import add_months

# The year whose records the data gives month by month; the months after it are anchored to today.
HISTORY_YEAR = 2025
# How many months before the current one the demo fills (as far back as the end of HISTORY_YEAR).
RECENT_MONTHS = 12

RELATIVE_MOMENT = re.compile(r"today([+-][0-9]+) ([0-9]{1,2}):([0-9]{2})")

# Records that Frappe writes beside a document as it is saved or moved on: its timeline.
TRAIL = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Workflow Action", "reference_doctype", "reference_name"),
)

Period = tuple[int, int]


@dataclass
class Event:
	"""Something the demo records at `moment`, by calling `record`."""

	moment: datetime
	record: Callable[[], None]


def run_in_order(events: list[Event]):
	for event in sorted(events, key=lambda event: event.moment):
		event.record()
		drop_realtime_notices()


def drop_realtime_notices():
	"""Frappe queues a realtime notice ("this document changed") for each document written, to publish
	when the transaction commits, and looks for each new notice in the whole queue first: over the tens of
	thousands of writes the demo makes in one transaction, that look-up alone grows with the square of
	them. No desk is open on documents being loaded, so the demo empties the queue as it goes. Emptied in
	place: the queue stays registered for the commit once, as Frappe set it up (v15 and v16 alike)."""
	notices = getattr(frappe.local, "_realtime_log", None)
	if notices:
		notices.clear()


class DemoTime:
	"""Now and today in the Department's time zone, the moments of the data, and the backdating of the
	records made now to the moments they stand for.

	Moments are aware datetimes in the Department's time zone; the database keeps naive ones in the
	system time zone. Whatever was written since this run started is still stamped with today: that is
	how a document's timeline rows of one step are told from those of the steps before, already dated."""

	def __init__(self):
		self.zone = ZoneInfo(frappe.get_cached_doc("DLXH Settings").time_zone)
		self.system_zone = get_system_timezone()
		self.now = local_now()
		self.today = self.now.date()
		self.started = now_datetime()

	def moment(self, text: str, **placeholders) -> datetime:
		"""A moment written in the data: "2025-07-16 10:15", or relative to today, "today-13 09:30";
		`placeholders` fill in "{year}" and the like first."""
		text = text.format(**placeholders)
		relative = RELATIVE_MOMENT.fullmatch(text)
		if relative:
			days, hour, minute = (int(group) for group in relative.groups())
			return self.at(self.today + timedelta(days=days), hour, minute)
		return get_datetime(text).replace(tzinfo=self.zone)

	def at(self, day: date, hour: int = 0, minute: int = 0) -> datetime:
		return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

	def happened(self, moment: datetime) -> bool:
		return moment <= self.now

	def current_period(self) -> Period:
		return self.today.year, self.today.month

	def recent_periods(self) -> list[Period]:
		"""The RECENT_MONTHS months before the current one and the current month, those after
		HISTORY_YEAR only, oldest first."""
		periods = [add_months(*self.current_period(), -back) for back in range(RECENT_MONTHS, -1, -1)]
		return [period for period in periods if period[0] > HISTORY_YEAR]

	def months_before_now(self, year: int, month: int) -> int:
		current_year, current_month = self.current_period()
		return (current_year - year) * 12 + current_month - month

	@staticmethod
	def insert(doc, moment: datetime):
		"""Insert `doc` under the name its DocType's rule gives in the year of `moment`: Frappe names by
		the real clock, and an opinion recorded in 2024 is YK-2024-…, not YK-2026-…"""
		rule = doc.meta.autoname or ""
		if ".YYYY." not in rule:
			return doc.insert()
		return doc.insert(set_name=make_autoname(rule.replace(".YYYY.", f".{moment.year:04d}."), doc=doc))

	def stored(self, moment: datetime) -> datetime:
		return to_naive(moment, self.system_zone)

	def step_done(self, doc, moment: datetime):
		"""Date the timeline rows the step just wrote or updated (a pending workflow action completed)."""
		for table, doctype_field, name_field in TRAIL:
			frappe.db.sql(
				f"""update `tab{table}`
				set creation = case when creation >= %(started)s then %(moment)s else creation end,
					modified = %(moment)s
				where {doctype_field} = %(doctype)s and {name_field} = %(name)s and modified >= %(started)s""",
				{
					"moment": self.stored(moment),
					"doctype": doc.doctype,
					"name": doc.name,
					"started": self.started,
				},
			)

	def date(self, doc, created: datetime, modified: datetime, **fields):
		"""The document's (and its rows') creation and last change, and other fields of the time it
		stands for (moments among them are converted for storage)."""
		values = {"creation": self.stored(created), "modified": self.stored(modified)}
		frappe.db.set_value(
			doc.doctype,
			doc.name,
			values
			| {
				field: self.stored(value) if isinstance(value, datetime) else value
				for field, value in fields.items()
			},
			update_modified=False,
		)
		for table in doc.meta.get_table_fields():
			frappe.db.set_value(
				table.options, {"parent": doc.name, "parenttype": doc.doctype}, values, update_modified=False
			)
