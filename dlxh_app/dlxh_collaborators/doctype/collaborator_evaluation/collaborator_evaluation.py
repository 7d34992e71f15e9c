# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate, today

from dlxh_app.dlxh_collaborators.rules.evaluation import check_evaluation_year, year_bounds
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.validation import field_label, refuse_unreadable_link, throw_invalid


class CollaboratorEvaluation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		collaborator: DF.Link
		comment: DF.SmallText | None
		entries_recorded: DF.Int
		entries_used: DF.Int
		evaluation_year: DF.Int
		evaluator: DF.Link | None
		rating: DF.Literal[
			"",
			"Duties excellently fulfilled",
			"Duties well fulfilled",
			"Duties fulfilled",
			"Duties not fulfilled",
		]
		recommendation: DF.Literal["", "Keep collaborating", "Renew term", "End term"]
		training_hours: DF.Float
		trainings_attended: DF.Int
		unit: DF.Link | None
	# end: auto-generated types

	def validate(self):
		refuse_unreadable_link(self, "collaborator")
		try:
			check_evaluation_year(cint(self.evaluation_year), getdate(today()))
		except RuleError as error:
			label = field_label(self, "evaluation_year")
			throw_invalid(
				label, _("{0} must be between {1} and {2}.").format(label, error.values[1], error.values[2])
			)
		self.unit = frappe.db.get_value("DLXH Collaborator", self.collaborator, "managing_unit")
		self.evaluator = frappe.session.user
		self.update(contribution(self.collaborator, cint(self.evaluation_year)))


def contribution(collaborator: str, year: int) -> dict:
	"""The year's evidence of a collaborator's work, counted from the app's records: the opinions their
	login recorded, those taken into reports, the trainings they attended and their hours."""
	first, last = year_bounds(year)
	entries = frappe.db.sql(
		"""select count(*), count(used_in_report) from `tabOpinion Entry`
		where collaborator = %(collaborator)s and entry_date between %(first)s and %(last)s""",
		{"collaborator": collaborator, "first": first, "last": last},
	)[0]
	trainings = frappe.db.sql(
		"""select count(*), sum(training.hours) from `tabCollaborator Training Participant` participant
		join `tabCollaborator Training` training on training.name = participant.parent
		where participant.parenttype = 'Collaborator Training' and participant.collaborator = %(collaborator)s
			and participant.attended = 1 and training.training_date between %(first)s and %(last)s""",
		{"collaborator": collaborator, "first": first, "last": last},
	)[0]
	return {
		"entries_recorded": cint(entries[0]),
		"entries_used": cint(entries[1]),
		"trainings_attended": cint(trainings[0]),
		"training_hours": flt(trainings[1]),
	}
