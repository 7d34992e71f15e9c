# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class SurveyResultQuestion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		include: DF.Check
		label: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		question: DF.Data
	# end: auto-generated types

	pass
