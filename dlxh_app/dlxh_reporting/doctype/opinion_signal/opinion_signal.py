# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from dlxh_app.validation import refuse_unreadable_link


class OpinionSignal(Document):
	"""Made only by dlxh_reporting/ai/signals.py from a source's content; the city links it to the entry
	or the report it informed and notes it."""

	def validate(self):
		for fieldname in ("opinion_entry", "opinion_report"):
			refuse_unreadable_link(self, fieldname)
