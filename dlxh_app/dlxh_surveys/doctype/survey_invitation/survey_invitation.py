# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class SurveyInvitation(Document):
	"""A one-time code to a survey's public page, made in bulk by `dlxh_surveys.invitations` and marked
	used by the page; never edited by hand."""

	def before_insert(self):
		frappe.throw(_("Invitation codes are generated from the survey, not created here."))

	def validate(self):
		if not self.is_new():
			frappe.throw(_("An invitation code cannot be changed."), frappe.PermissionError)
