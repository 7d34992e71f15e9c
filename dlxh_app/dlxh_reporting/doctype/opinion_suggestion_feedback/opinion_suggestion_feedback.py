# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class OpinionSuggestionFeedback(Document):
	"""Made only by dlxh_reporting/ai/api.py's record_feedback, as the officer accepts or corrects a
	suggestion; read by the city."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		model_version: DF.Int
		outcome: DF.Literal["Accepted", "Corrected"]
		reference_doctype: DF.Literal["Opinion Entry", "Opinion Report"]
		suggested_topic: DF.Link | None
		suggested_trend: DF.Literal["", "Positive", "Negative", "Mixed", "Concerned"]
		text: DF.Text | None
		topic: DF.Link | None
		trend: DF.Literal["", "Positive", "Negative", "Mixed", "Concerned"]
	# end: auto-generated types
