# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class SurveyBudgetNorm(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		illustrative: DF.Check
		item: DF.Data
		item_group: DF.Literal[
			"Plan and Questionnaire Design",
			"Pilot Survey",
			"Listing and Maps",
			"Manuals, Training and Supervision",
			"Printing",
			"Enumerator Pay",
			"Respondent Payment",
			"Transport",
			"Data Processing",
			"Analysis and Reporting",
		]
		legal_basis: DF.Link | None
		note: DF.SmallText | None
		province: DF.Data | None
		quantity_basis: DF.Literal["Manual", "Respondents", "Printed Pages", "Enumerator Days"]
		unit_of_measure: DF.Data
		unit_rate: DF.Currency
		valid_from: DF.Date | None
		valid_to: DF.Date | None
	# end: auto-generated types

	pass
