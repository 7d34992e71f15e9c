# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from dlxh_app.dlxh_planning.rules.plan import check_activity_period
from dlxh_app.dlxh_planning.unit_records import set_user_unit
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.validation import field_label, throw_invalid


class CollaboratorRegulation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attachment: DF.Attach | None
		content: DF.TextEditor | None
		document_number: DF.Data | None
		effective_from: DF.Date
		effective_to: DF.Date | None
		issue_date: DF.Date | None
		issuing_unit: DF.Link
		title: DF.Data
		version: DF.Int
	# end: auto-generated types

	def validate(self):
		set_user_unit(self, "issuing_unit")
		if self.version < 1:
			label = field_label(self, "version")
			throw_invalid(label, _("{0} must be 1 or more.").format(label))
		try:
			check_activity_period(
				getdate(self.effective_from), self.effective_to and getdate(self.effective_to)
			)
		except RuleError:
			label = field_label(self, "effective_to")
			throw_invalid(
				label, _("{0} cannot be before {1}.").format(label, field_label(self, "effective_from"))
			)
