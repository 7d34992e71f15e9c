# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class SurveyStratum(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		achieved: DF.Int
		label: DF.Data | None
		over_quota: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		population: DF.Int
		quota: DF.Int
		stratum_key: DF.Data
		target: DF.Int
	# end: auto-generated types

	pass
