# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from dlxh_app.validation import field_label, throw_invalid


class LegalDocument(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_number: DF.Data
		document_type: DF.Literal[
			"Resolution",
			"Decision",
			"Directive",
			"Conclusion",
			"Guidance",
			"Plan",
			"Regulation",
			"Law",
			"Decree",
			"Circular",
			"Official Letter",
			"Other",
		]
		is_active: DF.Check
		issue_date: DF.Date
		issuing_body: DF.Data
		summary: DF.SmallText
	# end: auto-generated types

	def validate(self):
		self.document_number = " ".join(self.document_number.split())
		if getdate(self.issue_date) > getdate(today()):
			label = field_label(self, "issue_date")
			throw_invalid(label, _("{0} cannot be in the future.").format(label))
