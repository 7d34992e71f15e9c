# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class OpinionSynthesisTopic(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessment: DF.SmallText | None
		change: DF.Int
		concerned: DF.Int
		concerns: DF.SmallText | None
		mixed: DF.Int
		negative: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		positive: DF.Int
		previous_total: DF.Int
		topic: DF.Link
		total: DF.Int
		units: DF.SmallText | None
	# end: auto-generated types

	pass
