# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from dlxh_app.dlxh_collaborators.rules.coverage import DIMENSIONS
from dlxh_app.validation import field_label, throw_invalid

# The name of the city's default target (the one without a unit).
DEFAULT_TARGET = "Default"

# Each dimension of a target line and the collaborator's field whose options it takes.
DIMENSION_FIELDS = dict(zip(DIMENSIONS, ("social_stratum", "sector", "organisation_type"), strict=True))


class CollaboratorTarget(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_collaborators.doctype.collaborator_target_line.collaborator_target_line import (
			CollaboratorTargetLine,
		)

		lines: DF.Table[CollaboratorTargetLine]
		max_share: DF.Percent
		min_collaborators: DF.Int
		min_per_area: DF.Int
		note: DF.SmallText | None
		unit: DF.Link | None
	# end: auto-generated types

	def autoname(self):
		self.name = self.unit or DEFAULT_TARGET

	def validate(self):
		if not 0 <= (self.max_share or 0) <= 100:
			label = field_label(self, "max_share")
			throw_invalid(label, _("{0} must be between 0 and 100.").format(label))
		if not self.unit and frappe.db.exists(
			"Collaborator Target", {"unit": ["is", "not set"], "name": ["!=", self.name]}
		):
			label = field_label(self, "unit")
			throw_invalid(label, _("{0}: the city's default target exists already.").format(label))
		self.validate_lines()

	def validate_lines(self):
		meta = frappe.get_meta("DLXH Collaborator")
		seen = set()
		for row in self.lines:
			label = field_label(row, "value")
			options = (meta.get_field(DIMENSION_FIELDS[row.dimension]).options or "").split("\n")
			if row.value not in options:
				throw_invalid(
					label,
					_("{0} in row {1}: {2} is not a value of {3}.").format(
						label, row.idx, _(row.value), _(row.dimension)
					),
				)
			if (row.dimension, row.value) in seen:
				throw_invalid(
					label,
					_("{0} in row {1}: {2} is listed twice.").format(label, row.idx, _(row.value)),
				)
			seen.add((row.dimension, row.value))
