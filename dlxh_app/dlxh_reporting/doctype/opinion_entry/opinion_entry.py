# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from dlxh_app.dlxh_collaborators.collaborators import set_entry_collaborator
from dlxh_app.dlxh_planning.unit_records import set_user_unit, validate_not_in_future


class OpinionEntry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Data | None
		collaborator: DF.Link | None
		content: DF.TextEditor
		entry_date: DF.Date
		level_of_interest: DF.Literal["", "Low", "Medium", "High"]
		social_stratum: DF.Literal[
			"",
			"Cadres and Party members",
			"Workers",
			"Farmers",
			"Intellectuals",
			"Businesspeople",
			"Youth and students",
			"Religious followers",
			"Ethnic minorities",
			"Veterans",
			"Retirees",
			"Other",
		]
		source: DF.Literal[
			"", "Collaborator", "Meeting", "Press", "Social Network", "Petition", "Direct Contact", "Other"
		]
		topic: DF.Link
		trend: DF.Literal["", "Positive", "Negative", "Mixed", "Concerned"]
		unit: DF.Link
		used_in_report: DF.Link | None
		verification_status: DF.Literal["Unverified", "Verified", "Unfounded"]
	# end: auto-generated types

	def validate(self):
		set_user_unit(self)
		validate_not_in_future(self, "entry_date")
		set_entry_collaborator(self)
