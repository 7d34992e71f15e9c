# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import secrets

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, fmt_money, format_date, getdate
from frappe.utils.nestedset import get_descendants_of

from dlxh_app.dlxh_planning.rules.plan import check_activity_period, exists_in_year
from dlxh_app.dlxh_planning.unit_records import validate_plan_of_unit, validate_unit_in_year, validate_year
from dlxh_app.dlxh_setup.issuing import ISSUING_FIELDS, ReferenceFields, issue, set_issuing_defaults
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_surveys.questionnaire import get_form
from dlxh_app.dlxh_surveys.rules.budget import (
	QuantityBasis,
	derived_quantity,
	estimated_pages,
	line_amounts,
	totals,
)
from dlxh_app.dlxh_surveys.rules.questionnaire import NOT_ANSWERED, strata
from dlxh_app.dlxh_surveys.rules.sampling import Allocation, allocate, sample_size
from dlxh_app.permissions import get_user_unit
from dlxh_app.validation import field_label, refuse_unreadable_link, throw_invalid
from dlxh_app.workflow_rules import (
	comment_on_return,
	forget_return_reason,
	return_with_reason,
	validate_frozen_content,
	validate_return_reason,
)

# Workflow states (setup/data/workflows.json, "Opinion Survey Approval").
PROPOSED = "Proposed"
RETURNED = "Returned"
APPROVED = "Approved"
IN_FIELD = "In Field"
# A survey counts towards its plan's target once its results are reported.
DONE_STATES = ("Reported", "Closed")
# While the proposal waits for approval, its content is what the approver reads; only what is settled
# when it is proposed (signer, date, place, recipients) and the approver's reason may change.
EDITABLE_WHILE_PROPOSED = ISSUING_FIELDS | {"workflow_state", "return_reason", "addressees"}

# The process of a survey, in order (Survey Step).
STEPS = ("Toolkit Design", "Pilot", "Data Collection", "Data Processing", "Analysis", "Reporting")
BEFORE = "Before Issuance"
AFTER = "After Implementation"

# The proposal (tờ trình) and the decision approving it (quyết định) are numbered by the responsible unit.
PROPOSAL_TYPE = "TTr"
DECISION_TYPE = "QĐ"
DECISION = ReferenceFields(
	number="decision_number", reference="decision_reference", date="decision_date", party_term=None
)
UNIT_FIELD = "responsible_unit"

# Sampling fields in percent, and the sampling rule's error code about each.
SAMPLING_FIELDS = {
	"confidence_range": "confidence_level",
	"margin_range": "margin_of_error",
	"proportion_range": "expected_proportion",
	"design_effect_range": "design_effect",
	"population_range": "population_size",
}


class OpinionSurvey(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_surveys.doctype.survey_area.survey_area import SurveyArea
		from dlxh_app.dlxh_surveys.doctype.survey_budget_line.survey_budget_line import SurveyBudgetLine
		from dlxh_app.dlxh_surveys.doctype.survey_step.survey_step import SurveyStep
		from dlxh_app.dlxh_surveys.doctype.survey_stratum.survey_stratum import SurveyStratum
		from dlxh_app.dlxh_surveys.doctype.survey_topic.survey_topic import SurveyTopic

		addressees: DF.SmallText | None
		allocation: DF.Literal["Proportional", "Equal", "Fixed Quotas"]
		amended_from: DF.Link | None
		areas: DF.TableMultiSelect[SurveyArea]
		budget_difference: DF.Currency
		budget_lines: DF.Table[SurveyBudgetLine]
		closes_on: DF.Datetime | None
		confidence_level: DF.Percent
		decision_date: DF.Date | None
		decision_number: DF.Int
		decision_reference: DF.Data | None
		design_effect: DF.Float
		document_date: DF.Date | None
		document_number: DF.Int
		document_reference: DF.Data | None
		estimated_total: DF.Currency
		expected_proportion: DF.Percent
		findings: DF.TextEditor | None
		forms_per_enumerator_day: DF.Int
		margin_of_error: DF.Percent
		method_expert_interview: DF.Check
		method_face_to_face: DF.Check
		method_group_discussion: DF.Check
		method_online: DF.Check
		method_phone: DF.Check
		online_enabled: DF.Check
		opens_on: DF.Datetime | None
		over_quota_policy: DF.Literal["Accept and Flag", "Close Stratum"]
		paired_survey: DF.Link | None
		party_term: DF.Data | None
		place_name: DF.Data | None
		plan: DF.Link | None
		policy: DF.Data | None
		population_size: DF.Int
		public_slug: DF.Data | None
		purpose: DF.TextEditor | None
		questionnaire: DF.Link | None
		recipients: DF.SmallText | None
		recommendations: DF.TextEditor | None
		require_token: DF.Check
		responsible_officer: DF.Link | None
		responsible_unit: DF.Link
		return_reason: DF.SmallText | None
		sample_size: DF.Int
		settled_total: DF.Currency
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		steps: DF.Table[SurveyStep]
		strata: DF.Table[SurveyStratum]
		strata_questions: DF.Data | None
		survey_year: DF.Int
		target_population: DF.SmallText | None
		timing: DF.Literal["", "Before Issuance", "After Implementation"]
		title: DF.Data
		topics: DF.TableMultiSelect[SurveyTopic]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_defaults()
		validate_year(self, "survey_year")
		self.validate_units()
		validate_plan_of_unit(self, "plan", UNIT_FIELD)
		self.validate_plan_year()
		self.validate_pair()
		self.validate_steps()
		# What is derived from the survey is settled when it is proposed: the approver approves those
		# figures, whatever changes in the questionnaire meanwhile.
		drafting = not (self.workflow_state == PROPOSED and not self.has_value_changed("workflow_state"))
		self.compute_sample(drafting)
		self.compute_budget(derive_quantities=drafting)
		validate_frozen_content(
			self,
			(PROPOSED,),
			EDITABLE_WHILE_PROPOSED,
			_("{0} cannot be changed while the survey is {1}. Ask for it to be returned for revision first."),
		)
		validate_return_reason(
			self, RETURNED, _("{0} is required to return the survey: write what must be revised.")
		)
		forget_return_reason(self, PROPOSED)
		if self.workflow_state == PROPOSED and self.has_value_changed("workflow_state"):
			issue(self, PROPOSAL_TYPE, _("{0} is required to propose the survey."), UNIT_FIELD)

	def before_submit(self):
		issue(self, DECISION_TYPE, None, UNIT_FIELD, DECISION)

	def before_update_after_submit(self):
		self.validate_reported()
		self.validate_steps()
		self.validate_questionnaire_change()
		self.compute_sample(drafting=False)
		self.compute_budget(derive_quantities=False)

	def validate_reported(self):
		"""The results are reported by the survey's issued Survey Result Report."""
		from dlxh_app.dlxh_surveys.doctype.survey_result_report.survey_result_report import has_issued_report

		if (
			self.workflow_state == "Reported"
			and self.has_value_changed("workflow_state")
			and not has_issued_report(self.name)
		):
			frappe.throw(
				_(
					"{0} has no issued result report: issue its Survey Result Report before reporting the results."
				).format(self.name),
				frappe.ValidationError,
			)

	def on_update(self):
		comment_on_return(self, RETURNED)
		self.link_pair()

	def on_update_after_submit(self):
		self.count_for_plan()

	def on_cancel(self):
		self.count_for_plan()
		self.unlink_pair()

	def on_trash(self):
		# A survey proposed to the approver is on record, returned or not.
		if self.workflow_state not in (None, "Draft"):
			frappe.throw(
				_("{0} is no longer a draft ({1}) and is kept on record: it cannot be deleted.").format(
					self.name, _(self.workflow_state)
				)
			)
		self.unlink_pair()

	@frappe.whitelist()
	def return_for_revision(self, reason: str):
		return_with_reason(self, reason)

	def set_defaults(self):
		set_issuing_defaults(self, self.get(UNIT_FIELD) or get_user_unit(), UNIT_FIELD)
		if self.is_new():
			self.responsible_officer = self.responsible_officer or frappe.session.user
			# The public page's address: unguessable, so that a survey is found only by those given it.
			self.public_slug = secrets.token_urlsafe(12)
		self.make_steps()

	def validate_units(self):
		"""The responsible unit and the areas existed in the survey's year; the areas are the responsible
		unit or units below it."""
		validate_unit_in_year(self, UNIT_FIELD, self.survey_year)
		below = set(get_descendants_of("DLXH Unit", self.get(UNIT_FIELD))) | {self.get(UNIT_FIELD)}
		for row in self.areas:
			validate_unit_in_year(row, "area", self.survey_year)
			if row.area not in below:
				label = field_label(row, "area")
				throw_invalid(
					label,
					_("{0}: {1} is neither {2} nor a unit below it.").format(
						label, frappe.bold(row.area), frappe.bold(self.get(UNIT_FIELD))
					),
				)

	def validate_plan_year(self):
		if not self.plan:
			return
		plan_year = frappe.db.get_value("DLXH Plan", self.plan, "plan_year")
		if cint(plan_year) != cint(self.survey_year):
			label = field_label(self, "plan")
			throw_invalid(
				label,
				_("{0}: {1} is a plan for {2}, not {3}.").format(
					label, self.plan, plan_year, self.survey_year
				),
			)

	def validate_pair(self):
		"""A survey before a policy is issued pairs with one after it has run, each with the other only."""
		if not self.paired_survey:
			return
		label = field_label(self, "paired_survey")
		refuse_unreadable_link(self, "paired_survey")
		other = frappe.db.get_value(
			self.doctype,
			self.paired_survey,
			["timing", "paired_survey", "docstatus", "survey_year"],
			as_dict=True,
		)
		if self.paired_survey == self.name:
			throw_invalid(label, _("{0}: a survey cannot be paired with itself.").format(label))
		if other.docstatus == 2:
			throw_invalid(label, _("{0}: {1} has been cancelled.").format(label, self.paired_survey))
		if {self.timing, other.timing} != {BEFORE, AFTER}:
			throw_invalid(
				label,
				_(
					"{0}: a pair is a survey {1} and a survey {2}; set {3} of this survey and of {4} so."
				).format(label, _(BEFORE), _(AFTER), field_label(self, "timing"), self.paired_survey),
			)
		if other.paired_survey and other.paired_survey != self.name:
			throw_invalid(
				label,
				_("{0}: {1} is already paired with {2}.").format(
					label, self.paired_survey, other.paired_survey
				),
			)
		before_year, after_year = (
			(cint(self.survey_year), cint(other.survey_year))
			if self.timing == BEFORE
			else (cint(other.survey_year), cint(self.survey_year))
		)
		if after_year < before_year:
			throw_invalid(
				label,
				_(
					"{0}: the survey after implementation ({1}) cannot be in a year before the one before issuance ({2})."
				).format(label, after_year, before_year),
			)

	def link_pair(self):
		"""The surveys of a pair name each other: linking one links the other; unlinking, or linking
		another, releases the one linked before. Written directly, as the other may be approved already."""
		before = self.get_doc_before_save()
		previous = before.paired_survey if before else None
		if previous and previous != self.paired_survey:
			self.release(previous)
		if self.paired_survey:
			frappe.db.set_value(
				self.doctype, self.paired_survey, "paired_survey", self.name, update_modified=False
			)

	def unlink_pair(self):
		if self.paired_survey:
			self.release(self.paired_survey)

	def release(self, other: str):
		if frappe.db.get_value(self.doctype, other, "paired_survey") == self.name:
			frappe.db.set_value(self.doctype, other, "paired_survey", None, update_modified=False)

	def make_steps(self):
		"""The six steps of the process, each once, in their order."""
		present = [row.step for row in self.steps]
		duplicates = sorted({step for step in present if present.count(step) > 1}, key=STEPS.index)
		if duplicates:
			label = field_label(self, "steps")
			throw_invalid(label, _("{0}: the step {1} is listed twice.").format(label, _(duplicates[0])))
		for step in STEPS:
			if step not in present:
				self.append("steps", {"step": step})
		self.steps.sort(key=lambda row: STEPS.index(row.step))
		for index, row in enumerate(self.steps, start=1):
			row.idx = index

	def validate_steps(self):
		for row in self.steps:
			for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
				try:
					check_activity_period(optional_date(row.get(start)), optional_date(row.get(end)))
				except RuleError:
					label = field_label(row, end)
					throw_invalid(
						label,
						_("{0} of step {1} ({2}) is before its {3} ({4}).").format(
							label,
							_(row.step),
							format_date(row.get(end)),
							field_label(row, start),
							format_date(row.get(start)),
						),
					)

	def validate_questionnaire_change(self):
		"""After approval the questionnaire may still be finished (toolkit design, pilot), until collection
		starts."""
		before = self.get_doc_before_save()
		if before and before.questionnaire != self.questionnaire and before.workflow_state != APPROVED:
			label = field_label(self, "questionnaire")
			throw_invalid(
				label,
				_("{0} cannot change once collection has started ({1}).").format(
					label, _(before.workflow_state)
				),
			)
		if (
			self.workflow_state == IN_FIELD
			and self.has_value_changed("workflow_state")
			and not self.questionnaire
		):
			label = field_label(self, "questionnaire")
			throw_invalid(label, _("{0} is required to start collection.").format(label))

	def compute_sample(self, drafting: bool):
		"""The sample size, the strata of the strata questions and each stratum's target. While drafting,
		strata are made from the questionnaire and may wait for their populations; a proposed survey has
		targets."""
		populations = [cint(row.population) for row in self.strata]
		try:
			self.sample_size = sample_size(
				cint(self.population_size) or sum(populations) or None,
				flt(self.confidence_level) / 100,
				flt(self.margin_of_error) / 100,
				flt(self.expected_proportion) / 100,
				flt(self.design_effect),
			).size
		except RuleError as error:
			label = field_label(self, SAMPLING_FIELDS[error.code])
			throw_invalid(label, sampling_message(error.code).format(label))
		self.make_strata(drafting)
		if not self.strata:
			return
		try:
			targets = allocate(
				self.sample_size,
				{row.stratum_key: cint(row.population) for row in self.strata},
				Allocation(self.allocation),
				{row.stratum_key: cint(row.quota) for row in self.strata},
			)
		except RuleError as error:
			if error.code == "no_population" and drafting and self.workflow_state != PROPOSED:
				targets = dict.fromkeys((row.stratum_key for row in self.strata), 0)
			else:
				self.throw_allocation_error(error)
		for row in self.strata:
			row.target = targets[row.stratum_key]

	def strata_codes(self) -> list[str]:
		return [code.strip() for code in (self.strata_questions or "").split(",") if code.strip()]

	def make_strata(self, drafting: bool):
		"""With a questionnaire and strata questions, the strata are the combinations of their answers: made
		while drafting when none are listed, and each listed one must be one of them. Strata typed by hand
		need the questions that make them."""
		codes = self.strata_codes()
		keys = [row.stratum_key.strip() for row in self.strata]
		label = field_label(self, "strata_questions")
		if keys and not codes:
			throw_invalid(
				label, _("{0} is required for the strata: the answers that place a respondent.").format(label)
			)
		for row, key in zip(self.strata, keys, strict=True):
			row.stratum_key = key
			if keys.count(key) > 1:
				key_label = field_label(row, "stratum_key")
				throw_invalid(key_label, _("{0} {1} is listed twice.").format(key_label, key))
		if not (codes and self.questionnaire):
			return
		try:
			combinations = strata(get_form(self.questionnaire), codes)
		except RuleError as error:
			message = {
				"strata_question_unknown": _("{0}: {1} is not a question of {2}."),
				"strata_question_type": _(
					"{0}: {1} of {2} is not a single-choice demographic question, so its answers make no strata."
				),
			}[error.code]
			throw_invalid(label, message.format(label, error.values[0], self.questionnaire))
		if not self.strata and drafting:
			for key, stratum_label in combinations.items():
				self.append("strata", {"stratum_key": key, "label": stratum_label})
			return
		for row in self.strata:
			if row.stratum_key not in combinations:
				key_label = field_label(row, "stratum_key")
				throw_invalid(
					key_label,
					_("{0} {1} of strata row {2} is not a combination of the answers to {3}.").format(
						key_label, row.stratum_key, row.idx, ", ".join(codes)
					),
				)
			row.label = row.label or combinations[row.stratum_key]

	def throw_allocation_error(self, error: RuleError):
		if error.code == "over_population":
			stratum, target, population = error.values
			row = next(row for row in self.strata if row.stratum_key == stratum)
			label = field_label(row, "population")
			throw_invalid(
				label,
				_("{0} of stratum {1} ({2}) is smaller than its target ({3}).").format(
					label, stratum, population, target
				),
			)
		label = field_label(self.strata[0], "population")
		throw_invalid(
			label,
			_(
				"{0}: the strata's populations are needed to allocate the sample in proportion to them."
			).format(label),
		)

	def compute_budget(self, derive_quantities: bool):
		"""Each line's quantity counted from the survey where its basis allows (before approval: the
		estimate is what was approved), its amounts, and the totals."""
		pages = self.printed_pages() if derive_quantities else 0
		lines = []
		for row in self.budget_lines:
			self.validate_norm(row)
			if derive_quantities:
				try:
					quantity = derived_quantity(
						row.quantity_basis or QuantityBasis.MANUAL,
						cint(self.sample_size),
						pages,
						cint(self.forms_per_enumerator_day),
					)
				except RuleError:
					label = field_label(self, "forms_per_enumerator_day")
					throw_invalid(label, _("{0} must be above zero to count enumerator days.").format(label))
				if quantity is not None:
					row.estimated_quantity = quantity
			amounts = line_amounts(flt(row.unit_rate), flt(row.estimated_quantity), flt(row.settled_quantity))
			row.estimated_amount, row.settled_amount = amounts.estimated, amounts.settled
			row.difference = amounts.difference
			lines.append(amounts)
		total = totals(lines)
		self.estimated_total, self.settled_total = total.estimated, total.settled
		self.budget_difference = total.difference

	def printed_pages(self) -> int:
		"""The paper form's pages: as the questionnaire says, or estimated from its questions."""
		if not self.questionnaire:
			return 0
		pages = cint(frappe.db.get_value("Survey Questionnaire", self.questionnaire, "printed_pages"))
		if pages:
			return pages
		asked = frappe.db.count(
			"Survey Question",
			{
				"parent": self.questionnaire,
				"parenttype": "Survey Questionnaire",
				"question_type": ["not in", sorted(NOT_ANSWERED)],
			},
		)
		return estimated_pages(asked)

	def validate_norm(self, row):
		"""A line's norm must be in force in the survey's year, and a rate other than the norm's says why."""
		if not row.norm:
			return
		norm = frappe.db.get_value(
			"Survey Budget Norm", row.norm, ["unit_rate", "valid_from", "valid_to"], as_dict=True
		)
		if not exists_in_year(norm.valid_from, norm.valid_to, cint(self.survey_year)):
			label = field_label(row, "norm")
			throw_invalid(
				label,
				_("{0} of budget row {1} ({2}) is not in force in {3}.").format(
					label, row.idx, row.norm, self.survey_year
				),
			)
		if flt(row.unit_rate) != flt(norm.unit_rate) and not (row.rate_note or "").strip():
			label = field_label(row, "rate_note")
			throw_invalid(
				label,
				_("{0} of budget row {1} is required: its rate differs from the norm's ({2}).").format(
					label,
					row.idx,
					fmt_money(norm.unit_rate, precision=0, currency="VND"),
				),
			)

	def count_for_plan(self):
		"""The plan's count of surveys done: those reported or closed."""
		if not self.plan:
			return
		done = frappe.db.count(
			self.doctype, {"plan": self.plan, "docstatus": 1, "workflow_state": ["in", DONE_STATES]}
		)
		frappe.db.set_value("DLXH Plan", self.plan, "surveys_done", done, update_modified=False)


def optional_date(value):
	"""The date of a date field, None when empty (getdate gives today for an empty value)."""
	return getdate(value) if value else None


def sampling_message(code: str) -> str:
	return {
		"confidence_range": _("{0} must be at least 50% and below 100%."),
		"margin_range": _("{0} must be above 0% and below 50%."),
		"proportion_range": _("{0} must be above 0% and below 100%."),
		"design_effect_range": _("{0} must be at least 1."),
		"population_range": _("{0} cannot be negative."),
	}[code]
