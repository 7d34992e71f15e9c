# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class SurveyStep(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		actual_end: DF.Date | None
		actual_start: DF.Date | None
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		planned_end: DF.Date | None
		planned_start: DF.Date | None
		step: DF.Literal[
			"Toolkit Design", "Pilot", "Data Collection", "Data Processing", "Analysis", "Reporting"
		]
	# end: auto-generated types

	pass
