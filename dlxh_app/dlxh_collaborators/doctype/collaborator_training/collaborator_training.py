# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, today

from dlxh_app.dlxh_collaborators.collaborators import refuse_login_beyond_reach
from dlxh_app.dlxh_collaborators.rules.evaluation import check_hours
from dlxh_app.dlxh_planning.unit_records import set_user_unit
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.validation import field_label, refuse_unreadable_link, throw_invalid


class CollaboratorTraining(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_collaborators.doctype.collaborator_training_participant.collaborator_training_participant import (
			CollaboratorTrainingParticipant,
		)

		attended_count: DF.Int
		hours: DF.Float
		materials: DF.Attach | None
		organiser_unit: DF.Link
		participants: DF.Table[CollaboratorTrainingParticipant]
		topic: DF.Data
		trainer: DF.Data | None
		training_date: DF.Date
	# end: auto-generated types

	def validate(self):
		set_user_unit(self, "organiser_unit")
		try:
			check_hours(flt(self.hours))
		except RuleError as error:
			label = field_label(self, "hours")
			throw_invalid(label, _("{0} must be more than 0 and at most {1}.").format(label, error.values[1]))
		self.validate_participants()
		self.attended_count = sum(1 for row in self.participants if row.attended)

	def validate_participants(self):
		"""Each row is a collaborator or an officer the user may reach, listed once; attendance is
		recorded once the session has taken place."""
		seen = set()
		held = getdate(self.training_date) <= getdate(today())
		for row in self.participants:
			label = field_label(row, "collaborator")
			if bool(row.collaborator) == bool(row.user):
				throw_invalid(
					label,
					_("Row {0}: choose either a collaborator or an officer.").format(row.idx),
				)
			refuse_unreadable_link(row, "collaborator")
			refuse_login_beyond_reach(row, "user")
			key = row.collaborator or row.user
			if key in seen:
				throw_invalid(label, _("Row {0}: {1} is listed twice.").format(row.idx, key))
			seen.add(key)
			if row.attended and not held:
				throw_invalid(
					field_label(row, "attended"),
					_("Row {0}: attendance is recorded once the session has taken place.").format(row.idx),
				)
