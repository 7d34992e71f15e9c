# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class SurveyBudgetLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		difference: DF.Currency
		estimated_amount: DF.Currency
		estimated_quantity: DF.Float
		illustrative: DF.Check
		item: DF.Data
		item_group: DF.Literal[
			"",
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
		norm: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		quantity_basis: DF.Literal["", "Manual", "Respondents", "Printed Pages", "Enumerator Days"]
		rate_note: DF.SmallText | None
		settled_amount: DF.Currency
		settled_quantity: DF.Float
		unit_of_measure: DF.Data | None
		unit_rate: DF.Currency
	# end: auto-generated types

	pass
