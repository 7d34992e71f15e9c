# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document
from frappe.utils import getdate

from dlxh_app.dlxh_reporting.rules.reminders import Notice


class DLXHReminderLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		emailed: DF.Check
		kind: DF.Literal["Unit Reminder", "City Notice"]
		period_month: DF.Int
		period_year: DF.Int
		recipients: DF.SmallText | None
		reminder_date: DF.Date | None
		unit: DF.Link | None
		units: DF.SmallText | None
	# end: auto-generated types

	def autoname(self):
		# Named by what was sent, so that the database refuses a second record of the same notice, even
		# from two runs at once.
		self.name = self.notice().key(self.unit)

	def notice(self) -> Notice:
		day = getdate(self.reminder_date) if self.reminder_date else None
		return Notice(self.kind, int(self.period_year), int(self.period_month), day)
