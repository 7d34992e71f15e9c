# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class DLXHPlanActivity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		content: DF.TextEditor
		coordinating_units: DF.SmallText | None
		end_date: DF.Date | None
		expected_output: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		responsible_unit: DF.Link | None
		start_date: DF.Date | None
		status: DF.Literal["Not Started", "In Progress", "Done", "Cancelled"]
		status_note: DF.SmallText | None
	# end: auto-generated types

	pass
