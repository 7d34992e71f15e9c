# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import add_days, format_date, getdate
from frappe.utils.nestedset import NestedSet

from dlxh_app.dlxh_setup.issuing import clean_signer
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.abbreviation import normalize_abbreviation
from dlxh_app.dlxh_setup.rules.text import clean_text, header_line
from dlxh_app.dlxh_setup.rules.validity import check_period, is_valid_on, periods_overlap
from dlxh_app.dlxh_setup.tree import validate_tree_node
from dlxh_app.permissions import clear_unit_scope_cache
from dlxh_app.validation import field_label, throw_invalid


class DLXHUnit(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_setup.doctype.dlxh_unit_successor.dlxh_unit_successor import DLXHUnitSuccessor

		abbreviation: DF.Data
		is_group: DF.Check
		is_reporting_unit: DF.Check
		issuer_line: DF.Data | None
		lft: DF.Int
		old_parent: DF.Link | None
		parent_body_line: DF.Data | None
		parent_dlxh_unit: DF.Link | None
		place_name: DF.Data | None
		rgt: DF.Int
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		successors: DF.Table[DLXHUnitSuccessor]
		unit_name: DF.Data
		unit_type: DF.Literal[
			"City Department",
			"Department Office",
			"District Party Committee",
			"Commune/Ward Party Committee",
			"Party Committee Directly Under City",
			"Fatherland Front",
			"Socio-political Organisation",
			"State Agency",
		]
		valid_from: DF.Date | None
		valid_to: DF.Date | None
	# end: auto-generated types

	nsm_parent_field = "parent_dlxh_unit"

	def before_naming(self):
		self.unit_name = clean_text(self.unit_name)

	def validate(self):
		self.clean_values()
		validate_tree_node(self)
		self.validate_period()
		self.validate_abbreviation_is_free()
		self.validate_successors()

	# Saving, deleting or renaming a unit can move the nested-set bounds of every unit, which the users'
	# cached reach is made of.
	def on_update(self):
		super().on_update()
		clear_unit_scope_cache()

	def on_trash(self, allow_root_deletion=False):
		super().on_trash(allow_root_deletion)
		clear_unit_scope_cache()

	def after_rename(self, olddn, newdn, merge=False):
		super().after_rename(olddn, newdn, merge)
		clear_unit_scope_cache()

	def clean_values(self):
		self.unit_name = clean_text(self.unit_name)
		self.parent_body_line = header_line(self.parent_body_line)
		self.issuer_line = header_line(self.issuer_line)
		self.place_name = clean_text(self.place_name)
		clean_signer(self)
		if not self.place_name and self.parent_dlxh_unit:
			self.place_name = frappe.db.get_value("DLXH Unit", self.parent_dlxh_unit, "place_name")
		if not clean_text(self.abbreviation):
			return  # reported as a missing mandatory value
		try:
			self.abbreviation = normalize_abbreviation(self.abbreviation)
		except RuleError as error:
			throw_invalid(
				field_label(self, "abbreviation"),
				_(
					"{0}: {1} may contain only capital letters (including Đ), digits and hyphens, e.g. BTGTU or PTT-TH."
				).format(field_label(self, "abbreviation"), frappe.bold(error.values[0])),
			)

	def validate_period(self):
		try:
			check_period(self.date("valid_from"), self.date("valid_to"))
		except RuleError:
			throw_invalid(
				field_label(self, "valid_to"),
				_("{0} ({1}) cannot be before {2} ({3}).").format(
					field_label(self, "valid_to"),
					format_date(self.valid_to),
					field_label(self, "valid_from"),
					format_date(self.valid_from),
				),
			)

	def validate_abbreviation_is_free(self):
		"""Two units whose periods overlap may not print the same issuer: same abbreviation under the same
		header lines. District departments all write "BTGQU" and commune Party committees "ĐU" under
		"ĐẢNG BỘ THÀNH PHỐ CẦN THƠ"; their header lines tell them apart."""
		if not self.abbreviation:
			return
		others = frappe.get_all(
			"DLXH Unit",
			filters={"abbreviation": self.abbreviation, "name": ("!=", self.name or "")},
			fields=["name", "abbreviation", "parent_body_line", "issuer_line", "valid_from", "valid_to"],
		)
		for other in others:
			# Compared here too: MariaDB's collation would match "DU" with "ĐU" or "btgtu".
			if (
				other.abbreviation != self.abbreviation
				or (other.parent_body_line or "") != self.parent_body_line
				or (other.issuer_line or "") != self.issuer_line
			):
				continue
			if periods_overlap(
				self.date("valid_from"), self.date("valid_to"), other.valid_from, other.valid_to
			):
				frappe.throw(
					_(
						"{0} {1} is already used by {2}, which has the same {3} and {4} and exists at the same time. Change one of them, or set the validity dates so that the periods do not overlap."
					).format(
						field_label(self, "abbreviation"),
						frappe.bold(self.abbreviation),
						frappe.bold(other.name),
						field_label(self, "parent_body_line"),
						field_label(self, "issuer_line"),
					),
					frappe.UniqueValidationError,
					title=_("Duplicate {0}").format(field_label(self, "abbreviation")),
				)

	def validate_successors(self):
		label = field_label(self, "successors")
		if self.successors and not self.valid_to:
			frappe.throw(
				_("{0} is required when the unit has {1}: set the last day the unit existed.").format(
					field_label(self, "valid_to"), label
				),
				title=_("Missing {0}").format(field_label(self, "valid_to")),
			)
		seen = set()
		for row in self.successors:
			unit_label = field_label(row, "successor_unit")
			date_label = field_label(row, "effective_date")
			if row.successor_unit == self.name:
				throw_invalid(
					unit_label,
					_("{0}, row {1}: {2} cannot be the unit itself.").format(label, row.idx, unit_label),
				)
			if row.successor_unit in seen:
				throw_invalid(
					unit_label,
					_("{0}, row {1}: {2} {3} is listed twice.").format(
						label, row.idx, unit_label, frappe.bold(row.successor_unit)
					),
				)
			seen.add(row.successor_unit)
			if not row.effective_date:
				row.effective_date = add_days(self.valid_to, 1)
			effective_date = getdate(row.effective_date)
			if self.valid_from and effective_date <= getdate(self.valid_from):
				throw_invalid(
					date_label,
					_("{0}, row {1}: {2} ({3}) must be after {4} ({5}).").format(
						label,
						row.idx,
						date_label,
						format_date(effective_date),
						field_label(self, "valid_from"),
						format_date(self.valid_from),
					),
				)
			successor = frappe.db.get_value(
				"DLXH Unit", row.successor_unit, ["valid_from", "valid_to"], as_dict=True
			)
			if successor and not is_valid_on(successor.valid_from, successor.valid_to, effective_date):
				throw_invalid(
					unit_label,
					_("{0}, row {1}: {2} {3} does not exist on {4} ({5}).").format(
						label,
						row.idx,
						unit_label,
						frappe.bold(row.successor_unit),
						date_label,
						format_date(effective_date),
					),
				)
			if self.name in get_successor_chain(row.successor_unit):
				throw_invalid(
					unit_label,
					_(
						"{0}, row {1}: {2} {3} already has this unit among its successors; successions cannot go round in a circle."
					).format(label, row.idx, unit_label, frappe.bold(row.successor_unit)),
				)

	def date(self, fieldname: str):
		return getdate(self.get(fieldname)) if self.get(fieldname) else None


def get_successor_chain(unit: str) -> set[str]:
	"""Every unit reached by following successor links from `unit` (not the unit itself)."""
	reached: set[str] = set()
	frontier = [unit]
	while frontier:
		rows = frappe.get_all(
			"DLXH Unit Successor",
			filters={"parenttype": "DLXH Unit", "parent": ("in", frontier)},
			pluck="successor_unit",
		)
		frontier = [name for name in rows if name not in reached]
		reached.update(frontier)
	return reached
