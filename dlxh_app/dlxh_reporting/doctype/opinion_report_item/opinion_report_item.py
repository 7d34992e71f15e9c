# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class OpinionReportItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Data | None
		content: DF.Text
		level_of_interest: DF.Literal["", "Low", "Medium", "High"]
		opinion_entry: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		proposal: DF.SmallText | None
		social_strata: DF.SmallText | None
		source: DF.Literal[
			"", "Collaborator", "Meeting", "Press", "Social Network", "Petition", "Direct Contact", "Other"
		]
		topic: DF.Link
		trend: DF.Literal["", "Positive", "Negative", "Mixed", "Concerned"]
	# end: auto-generated types

	pass
