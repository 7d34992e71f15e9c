# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe import _
from frappe.model.document import Document

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.party_term import parse_party_term
from dlxh_app.validation import field_label, throw_invalid


class DLXHDocumentCounter(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_type: DF.Literal["KH", "BC", "CV", "HD", "TB", "Q\u0110", "TTr"]
		issuing_unit: DF.Link
		last_number: DF.Int
		party_term: DF.Data
	# end: auto-generated types

	def validate(self):
		try:
			self.party_term = str(parse_party_term(self.party_term))
		except RuleError:
			label = field_label(self, "party_term")
			throw_invalid(label, _("{0} must be written as two years, e.g. 2025-2030.").format(label))
