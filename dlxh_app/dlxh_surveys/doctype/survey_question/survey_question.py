# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class SurveyQuestion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		choice_list: DF.Data | None
		code: DF.Data | None
		constraint: DF.Data | None
		constraint_message: DF.Data | None
		demographic: DF.Literal[
			"", "Area", "Gender", "Age Group", "Occupation", "Social Stratum", "Ethnicity", "Religion"
		]
		hint: DF.SmallText | None
		label: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		question_type: DF.Literal[
			"Select One",
			"Select Multiple",
			"Likert",
			"Integer",
			"Decimal",
			"Text",
			"Date",
			"Note",
			"Begin Group",
			"End Group",
		]
		relevant: DF.Data | None
		required: DF.Check
	# end: auto-generated types

	pass
