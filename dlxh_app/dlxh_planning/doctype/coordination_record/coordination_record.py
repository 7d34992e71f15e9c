# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from dlxh_app.dlxh_planning.unit_records import set_user_unit, validate_not_in_future, validate_plan_of_unit


class CoordinationRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_planning.doctype.coordination_record_topic.coordination_record_topic import (
			CoordinationRecordTopic,
		)

		content: DF.TextEditor | None
		direction: DF.Literal[
			"", "Information Provided", "Information Received", "Joint Meeting", "Joint Orientation"
		]
		follow_up: DF.SmallText | None
		legal_basis: DF.Link | None
		partner_name: DF.Data
		partner_type: DF.Literal[
			"", "State Agency", "Fatherland Front", "Socio-political Organisation", "Press Agency", "Other"
		]
		plan: DF.Link | None
		record_date: DF.Date
		subject: DF.Data
		topics: DF.TableMultiSelect[CoordinationRecordTopic]
		unit: DF.Link
	# end: auto-generated types

	def validate(self):
		set_user_unit(self)
		validate_not_in_future(self, "record_date")
		validate_plan_of_unit(self)
