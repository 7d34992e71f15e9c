# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class SurveyResponse(Document):
	"""A version of a respondent's answers. Stored in bulk by `dlxh_surveys.responses.store_responses`
	after its checks; append-only: never changed or deleted, a correction is a new version."""

	def before_insert(self):
		# Responses are checked and written in bulk by store_responses, never inserted as documents.
		frappe.throw(_("Responses are entered through the survey's form or imported, not created here."))

	def validate(self):
		if not self.is_new():
			frappe.throw(
				_("A survey response cannot be changed: record a correction, a new version of it."),
				frappe.PermissionError,
			)

	def on_trash(self):
		frappe.throw(_("A survey response is kept on record: it cannot be deleted."), frappe.PermissionError)


def on_doctype_update():
	frappe.db.add_index("Survey Response", ["survey", "is_current"])
