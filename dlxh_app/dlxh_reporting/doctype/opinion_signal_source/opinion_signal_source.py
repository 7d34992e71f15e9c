# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from dlxh_app.dlxh_reporting.ai.signals import message
from dlxh_app.dlxh_reporting.rules.signals import SignalError, check_url
from dlxh_app.validation import field_label, throw_invalid


class OpinionSignalSource(Document):
	"""A feed or file the city reads opinion signals from; read by dlxh_reporting/ai/signals.py's hourly
	job (or Fetch Now), which notes the outcome under Last Fetch."""

	def validate(self):
		self.url = (self.url or "").strip() or None
		if bool(self.url) == bool(self.file):
			throw_invalid(field_label(self, "url"), _("Give either a URL or an attached file, not both."))
		if self.url:
			try:
				self.url = check_url(self.url)
			except SignalError as error:
				throw_invalid(field_label(self, "url"), message(error))
		if self.file and not frappe.db.exists("File", {"file_url": self.file}):
			throw_invalid(field_label(self, "file"), _("The attached file was not found."))
