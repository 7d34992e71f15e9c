# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from dlxh_app.dlxh_collaborators.collaborators import refuse_login_beyond_reach
from dlxh_app.dlxh_collaborators.rules.collaborator import (
	check_birth_year,
	check_status,
	fold,
	identity_key,
)
from dlxh_app.dlxh_planning.rules.plan import check_activity_period
from dlxh_app.dlxh_planning.unit_records import set_user_unit
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.text import clean_text
from dlxh_app.validation import field_label, throw_invalid

COMMUNE_WARD = "Commune/Ward Party Committee"


class DLXHCollaborator(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_collaborators.doctype.dlxh_collaborator_criterion.dlxh_collaborator_criterion import (
			DLXHCollaboratorCriterion,
		)

		address: DF.SmallText | None
		birth_year: DF.Int
		criteria: DF.Table[DLXHCollaboratorCriterion]
		decision_date: DF.Date | None
		decision_issuer: DF.Data | None
		decision_number: DF.Data | None
		education_level: DF.Literal[
			"", "Lower secondary", "Upper secondary", "Vocational", "College", "University", "Postgraduate"
		]
		email: DF.Data | None
		ethnicity: DF.Data | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		managing_unit: DF.Link
		occupation: DF.Data | None
		organisation: DF.Data | None
		organisation_type: DF.Literal[
			"",
			"Party organisation",
			"Fatherland Front",
			"Women's Union",
			"Youth Union",
			"Farmers' Association",
			"Veterans' Association",
			"Trade Union",
			"Residential group",
			"Religious organisation",
			"Enterprise",
			"School or university",
			"State agency",
			"Other",
		]
		party_member: DF.Check
		phone: DF.Data | None
		political_theory_level: DF.Literal["", "Not trained", "Elementary", "Intermediate", "Advanced"]
		religion: DF.Data | None
		residential_area: DF.Link
		sector: DF.Literal[
			"",
			"Party building",
			"Government and administration",
			"Economy",
			"Culture and society",
			"Education",
			"Health",
			"Defence and security",
			"Religion",
			"Press and media",
			"Residential community",
			"Other",
		]
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
		status: DF.Literal["Active", "Suspended", "Ended"]
		status_date: DF.Date | None
		status_reason: DF.SmallText | None
		term_end: DF.Date | None
		term_start: DF.Date
		user: DF.Link | None
	# end: auto-generated types

	def validate(self):
		set_user_unit(self, "managing_unit")
		self.full_name = clean_text(self.full_name)
		self.validate_birth_year()
		self.validate_residential_area()
		self.validate_not_registered_twice()
		self.validate_decision_number()
		self.validate_term()
		self.validate_status()
		self.validate_user()
		self.validate_criteria()

	def validate_birth_year(self):
		try:
			check_birth_year(self.birth_year, getdate(today()))
		except RuleError as error:
			label = field_label(self, "birth_year")
			throw_invalid(
				label,
				_("{0} must be between {1} and {2}: a collaborator is an adult of working age.").format(
					label, error.values[1], error.values[2]
				),
			)

	def validate_residential_area(self):
		"""A commune or ward of today's tree, and one of the managing unit's when it has communes or wards
		(or is one)."""
		label = field_label(self, "residential_area")
		area = frappe.db.get_value(
			"DLXH Unit", self.residential_area, ["unit_type", "valid_to", "lft", "rgt"], as_dict=True
		)
		if not area or area.unit_type != COMMUNE_WARD:
			throw_invalid(label, _("{0} must be a commune or ward.").format(label))
		if area.valid_to and getdate(area.valid_to) < getdate(today()):
			throw_invalid(
				label,
				_("{0}: {1} no longer exists; choose the commune or ward that took over its area.").format(
					label, frappe.bold(self.residential_area)
				),
			)
		unit = frappe.db.get_value("DLXH Unit", self.managing_unit, ["lft", "rgt"], as_dict=True)
		if not unit:
			return
		wards_below = frappe.db.count(
			"DLXH Unit",
			{"unit_type": COMMUNE_WARD, "lft": [">=", unit.lft], "rgt": ["<=", unit.rgt]},
		)
		if wards_below and not (unit.lft <= area.lft and area.rgt <= unit.rgt):
			throw_invalid(
				label,
				_("{0} must be a commune or ward of {1}.").format(label, frappe.bold(self.managing_unit)),
			)

	def validate_not_registered_twice(self):
		"""The same person (name with accents folded, birth year, area) is registered once, in whichever
		unit; the message names the record only to a user who may read it."""
		key = identity_key(self.full_name, self.birth_year, self.residential_area)
		candidates = frappe.get_all(
			"DLXH Collaborator",
			filters={
				"birth_year": self.birth_year,
				"residential_area": self.residential_area,
				"name": ["!=", self.name or ""],
			},
			fields=["name", "full_name", "birth_year", "residential_area"],
		)
		for other in candidates:
			if identity_key(other.full_name, other.birth_year, other.residential_area) != key:
				continue
			label = field_label(self, "full_name")
			if frappe.has_permission("DLXH Collaborator", "read", other.name):
				message = _("{0}: {1}, born {2}, living in {3}, is already registered as {4}.").format(
					label, self.full_name, self.birth_year, self.residential_area, other.name
				)
			else:
				message = _(
					"{0}: {1}, born {2}, living in {3}, is already registered by another unit."
				).format(label, self.full_name, self.birth_year, self.residential_area)
			throw_invalid(label, message, frappe.DuplicateEntryError)

	def validate_decision_number(self):
		"""One appointment decision per collaborator: its number is not used by the same issuer twice."""
		self.decision_number = clean_text(self.decision_number)
		self.decision_issuer = clean_text(self.decision_issuer)
		if not self.decision_number:
			return
		others = frappe.get_all(
			"DLXH Collaborator",
			filters={"decision_number": self.decision_number, "name": ["!=", self.name or ""]},
			fields=["decision_issuer"],
		)
		if any(fold(other.decision_issuer) == fold(self.decision_issuer) for other in others):
			label = field_label(self, "decision_number")
			throw_invalid(
				label,
				_("{0}: decision {1} has already been used for another collaborator.").format(
					label, self.decision_number
				),
				frappe.DuplicateEntryError,
			)

	def validate_term(self):
		try:
			check_activity_period(getdate(self.term_start), self.term_end and getdate(self.term_end))
		except RuleError:
			label = field_label(self, "term_end")
			throw_invalid(
				label,
				_("{0} cannot be before {1}.").format(label, field_label(self, "term_start")),
			)

	def validate_status(self):
		try:
			check_status(self.status, self.status_date, self.status_reason)
		except RuleError as error:
			label = field_label(self, error.code)
			throw_invalid(
				label,
				_("{0} is needed when the collaborator is {1}.").format(label, _(self.status).lower()),
			)

	def validate_user(self):
		"""A login belongs to one collaborator, and is of a unit within the user's reach (or of none yet)."""
		if not self.user:
			return
		refuse_login_beyond_reach(self, "user")
		label = field_label(self, "user")
		other = frappe.db.get_value(
			"DLXH Collaborator", {"user": self.user, "name": ["!=", self.name or ""]}, "name"
		)
		if other:
			throw_invalid(
				label,
				_("{0}: {1} is already the login of another collaborator.").format(label, self.user),
				frappe.DuplicateEntryError,
			)

	def validate_criteria(self):
		seen = set()
		for row in self.criteria:
			if row.criterion in seen:
				label = field_label(row, "criterion")
				throw_invalid(
					label,
					_("{0} in row {1}: {2} is listed twice.").format(label, row.idx, _(row.criterion)),
				)
			seen.add(row.criterion)
