# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, strip_html, today

from dlxh_app.dlxh_planning.unit_records import set_user_unit, validate_not_in_future, validate_plan_of_unit
from dlxh_app.validation import field_label, throw_invalid

# Workflow states (setup/data/workflows.json, "Plan Adjustment Request").
ANSWERED = "Answered"
CLOSED = "Closed"


class PlanAdjustmentRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activity_reference: DF.Data | None
		description: DF.TextEditor
		plan: DF.Link
		proposal: DF.SmallText | None
		request_date: DF.Date | None
		responded_by: DF.Link | None
		response: DF.TextEditor | None
		response_date: DF.Date | None
		subject: DF.Data
		unit: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.validate_not_closed()
		set_user_unit(self)
		validate_not_in_future(self, "request_date")
		validate_plan_of_unit(self)
		if self.workflow_state == ANSWERED and self.has_value_changed("workflow_state"):
			self.record_answer()

	def validate_not_closed(self):
		# A closed request is the record of what was asked and answered; a problem that comes back is a
		# new request.
		before = self.get_doc_before_save()
		if before and before.workflow_state == CLOSED:
			frappe.throw(
				_(
					"{0} is closed and can no longer be changed. Make a new request if the problem remains."
				).format(self.name),
				title=_("Closed"),
			)

	def record_answer(self):
		if not strip_html(cstr(self.response)).strip():
			label = field_label(self, "response")
			throw_invalid(label, _("{0} is required to answer the request.").format(label))
		self.responded_by = frappe.session.user
		self.response_date = today()
