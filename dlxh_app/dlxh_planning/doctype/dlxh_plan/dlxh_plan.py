# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, format_date, getdate, today
from frappe.utils.nestedset import get_ancestors_of

from dlxh_app.dlxh_planning.rules.plan import (
	check_activity_period,
	check_plan_year,
	citation,
	exists_in_year,
	plan_progress,
)
from dlxh_app.dlxh_setup.issuing import ISSUING_FIELDS, issue, set_issuing_defaults
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.permissions import get_user_unit
from dlxh_app.validation import field_label, refuse_unreadable_link, throw_invalid
from dlxh_app.workflow_rules import (
	comment_on_return,
	return_with_reason,
	validate_frozen_content,
	validate_return_reason,
)

RETURNED = "Returned"
# While a plan waits for approval or is approved, its content is what the approver saw; only what is
# settled at issue (signer, date, place, recipients) and the approver's reason may still change.
FROZEN_STATES = ("Pending Approval", "Approved")
EDITABLE_WHILE_FROZEN = ISSUING_FIELDS | {"workflow_state", "return_reason"}


class DLXHPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_planning.doctype.dlxh_plan_activity.dlxh_plan_activity import DLXHPlanActivity
		from dlxh_app.dlxh_planning.doctype.dlxh_plan_legal_basis.dlxh_plan_legal_basis import (
			DLXHPlanLegalBasis,
		)
		from dlxh_app.dlxh_planning.doctype.dlxh_plan_topic.dlxh_plan_topic import DLXHPlanTopic

		activities: DF.Table[DLXHPlanActivity]
		amended_from: DF.Link | None
		document_date: DF.Date | None
		document_number: DF.Int
		document_reference: DF.Data | None
		implementation: DF.TextEditor | None
		introduction: DF.SmallText | None
		issuing_unit: DF.Link
		legal_bases: DF.Table[DLXHPlanLegalBasis]
		parent_plan: DF.Link | None
		party_term: DF.Data | None
		place_name: DF.Data | None
		plan_year: DF.Int
		planned_surveys: DF.Int
		progress: DF.Percent
		purposes: DF.TextEditor | None
		recipients: DF.SmallText | None
		return_reason: DF.SmallText | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		title: DF.Data
		topics: DF.TableMultiSelect[DLXHPlanTopic]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_defaults()
		self.validate_plan_year()
		self.validate_unit_exists_in_year("issuing_unit", self.issuing_unit)
		self.validate_one_plan_per_year()
		self.validate_parent_plan()
		self.validate_activities()
		self.fill_citations()
		validate_frozen_content(
			self,
			FROZEN_STATES,
			EDITABLE_WHILE_FROZEN,
			_("{0} cannot be changed while the plan is {1}. Return it for revision first."),
		)
		validate_return_reason(
			self, RETURNED, _("{0} is required to return the plan: write what must be revised.")
		)
		self.progress = self.activity_progress()

	def before_submit(self):
		issue(self, "KH", _("{0} is required to issue the plan."))

	def before_update_after_submit(self):
		self.validate_activity_rows_kept()
		self.progress = self.activity_progress()

	def on_update(self):
		comment_on_return(self, RETURNED)

	@frappe.whitelist()
	def return_for_revision(self, reason: str):
		return_with_reason(self, reason)

	def set_defaults(self):
		set_issuing_defaults(self, self.issuing_unit or get_user_unit())

	def validate_plan_year(self):
		try:
			check_plan_year(cint(self.plan_year), getdate(today()))
		except RuleError as error:
			label = field_label(self, "plan_year")
			throw_invalid(
				label,
				_("{0} must be between {1} and {2}.").format(label, error.values[1], error.values[2]),
			)

	def validate_unit_exists_in_year(self, fieldname: str, unit: str | None, row=None):
		if not unit:
			return
		dates = frappe.db.get_value("DLXH Unit", unit, ["valid_from", "valid_to"], as_dict=True)
		if dates and not exists_in_year(dates.valid_from, dates.valid_to, cint(self.plan_year)):
			label = field_label(row or self, fieldname)
			throw_invalid(
				label,
				_("{0}: {1} did not exist in the year {2}. Choose the unit that carried on its work.").format(
					label, frappe.bold(unit), self.plan_year
				),
			)

	def validate_one_plan_per_year(self):
		existing = frappe.db.get_value(
			"DLXH Plan",
			{
				"issuing_unit": self.issuing_unit,
				"plan_year": self.plan_year,
				"docstatus": ["<", 2],
				"name": ["!=", self.name],
			},
			"name",
		)
		if existing:
			throw_invalid(
				field_label(self, "plan_year"),
				_("{0}: {1} already has a plan for {2} ({3}). Amend that plan instead.").format(
					field_label(self, "plan_year"), frappe.bold(self.issuing_unit), self.plan_year, existing
				),
			)

	def validate_parent_plan(self):
		if not self.parent_plan:
			return
		refuse_unreadable_link(self, "parent_plan")
		parent = frappe.db.get_value(
			"DLXH Plan", self.parent_plan, ["plan_year", "issuing_unit", "docstatus"], as_dict=True
		)
		label = field_label(self, "parent_plan")
		if parent.docstatus == 2:
			throw_invalid(label, _("{0}: {1} was cancelled.").format(label, self.parent_plan))
		if cint(parent.plan_year) != cint(self.plan_year):
			throw_invalid(
				label,
				_("{0}: {1} is a plan for {2}, not {3}.").format(
					label, self.parent_plan, parent.plan_year, self.plan_year
				),
			)
		if parent.issuing_unit not in get_ancestors_of("DLXH Unit", self.issuing_unit):
			throw_invalid(
				label,
				_("{0}: {1} is a plan of {2}, which is not a unit above {3}.").format(
					label, self.parent_plan, frappe.bold(parent.issuing_unit), frappe.bold(self.issuing_unit)
				),
			)

	def validate_activities(self):
		for row in self.activities:
			try:
				check_activity_period(getdate(row.start_date), getdate(row.end_date))
			except RuleError:
				label = field_label(row, "end_date")
				throw_invalid(
					label,
					_("{0} of activity row {1} ({2}) is before its {3} ({4}).").format(
						label,
						row.idx,
						format_date(row.end_date),
						field_label(row, "start_date"),
						format_date(row.start_date),
					),
				)
			self.validate_unit_exists_in_year("responsible_unit", row.responsible_unit, row)

	def fill_citations(self):
		for row in self.legal_bases:
			if row.citation:
				continue
			document = frappe.db.get_value(
				"Legal Document",
				row.legal_document,
				["document_type", "issue_date", "issuing_body", "summary"],
				as_dict=True,
			)
			row.citation = citation(
				document.document_type,
				row.legal_document,
				getdate(document.issue_date),
				document.issuing_body,
				document.summary or "",
			)

	def validate_activity_rows_kept(self):
		stored = set(
			frappe.get_all(
				"DLXH Plan Activity", {"parent": self.name, "parenttype": self.doctype}, pluck="name"
			)
		)
		if stored != {row.name for row in self.activities}:
			throw_invalid(
				field_label(self, "activities"),
				_(
					"{0} of an issued plan cannot be added or removed; mark an activity Cancelled instead."
				).format(field_label(self, "activities")),
			)

	def activity_progress(self) -> float:
		return plan_progress([row.status for row in self.activities])
