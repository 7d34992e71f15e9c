"""Which notice about the current month's report is due, and how a notice is recognised once sent.

Units that have not sent the month's report are reminded on the reminder days (before the deadline);
from the deadline to the end of the month the city is told which reports are missing. Both are judged
on the local clock of the Propaganda Department, as the deadline is."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from dlxh_app.dlxh_reporting.rules.period import period_key

UNIT_REMINDER = "Unit Reminder"
CITY_NOTICE = "City Notice"


@dataclass(frozen=True)
class Notice:
	kind: str
	year: int
	month: int
	# The reminder day a unit reminder is for; the city's notice is sent once per period.
	day: date | None = None

	def key(self, unit: str | None = None) -> str:
		"""The same for the same notice to the same unit (None: to the city) however often it is worked
		out, so that a record under this key proves it was sent. Hashed because unit names alone may
		fill a document name."""
		parts = (
			self.kind,
			unit or "",
			period_key(self.year, self.month),
			self.day.isoformat() if self.day else "",
		)
		return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def due_notice(now: datetime, reminder_days: list[int], deadline: datetime) -> Notice | None:
	"""The notice due at `now` (aware, in the Department's time zone) about the report of now's month,
	whose deadline is `deadline`: None on other days."""
	if now >= deadline:
		return Notice(CITY_NOTICE, now.year, now.month)
	if now.day in reminder_days:
		return Notice(UNIT_REMINDER, now.year, now.month, now.date())
	return None
