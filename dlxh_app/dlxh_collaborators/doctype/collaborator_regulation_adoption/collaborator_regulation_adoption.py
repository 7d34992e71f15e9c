# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from dlxh_app.dlxh_planning.unit_records import set_user_unit, validate_not_in_future
from dlxh_app.validation import field_label, throw_invalid


class CollaboratorRegulationAdoption(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		adopted_on: DF.Date
		decision_number: DF.Data | None
		regulation: DF.Link
		unit: DF.Link
	# end: auto-generated types

	def validate(self):
		set_user_unit(self)
		validate_not_in_future(self, "adopted_on")
		if frappe.db.exists(
			"Collaborator Regulation Adoption",
			{"unit": self.unit, "regulation": self.regulation, "name": ["!=", self.name or ""]},
		):
			label = field_label(self, "regulation")
			throw_invalid(
				label,
				_("{0}: {1} has already recorded adopting {2}.").format(
					label, frappe.bold(self.unit), self.regulation
				),
				frappe.DuplicateEntryError,
			)
