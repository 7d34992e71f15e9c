# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""A survey's result report (báo cáo kết quả khảo sát): its method drafted from the survey's analysis and
corrected by the officer, the questions whose tables and charts it prints, the findings and
recommendations; approved by the unit's leader (the Manager for the city's own), numbered BC at issue,
and, for a unit's report, accepted by the city as its monthly opinion report is."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from dlxh_app.dlxh_setup.issuing import ISSUING_FIELDS, issue, set_issuing_defaults
from dlxh_app.validation import field_label, refuse_unreadable_link, throw_invalid
from dlxh_app.workflow_rules import (
	comment_on_return,
	forget_return_reason,
	return_with_reason,
	validate_frozen_content,
	validate_return_reason,
)

# Workflow states (setup/data/workflows.json, "Survey Result Report Approval").
DRAFT = "Draft"
PENDING = "Pending Approval"
RETURNED = "Returned"
ISSUED = "Issued"
ACCEPTED = "Accepted"
# The survey states in which its results may be reported on.
REPORTABLE_SURVEY_STATES = ("Analysing", "Reported", "Closed")
# What the workflow records and the approver's reason may change while the report waits for approval;
# what is settled at issue (signer, date, place, recipients) too.
RECORDED_FIELDS = frozenset({"workflow_state", "return_reason", "issued_on", "accepted_on"})
# The method as drafted from the analysis.
METHOD_FIELDS = (
	"respondents",
	"sample_size",
	"first_response",
	"last_response",
	"confidence_level",
	"margin_of_error",
	"weighting_method",
	"design_effect",
)


class SurveyResultReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_surveys.doctype.survey_result_question.survey_result_question import (
			SurveyResultQuestion,
		)

		accepted_on: DF.Datetime | None
		amended_from: DF.Link | None
		confidence_level: DF.Percent
		design_effect: DF.Float
		document_date: DF.Date | None
		document_number: DF.Int
		document_reference: DF.Data | None
		findings: DF.TextEditor | None
		first_response: DF.Date | None
		issued_on: DF.Datetime | None
		last_response: DF.Date | None
		margin_of_error: DF.Float
		method_notes: DF.TextEditor | None
		party_term: DF.Data | None
		place_name: DF.Data | None
		questions: DF.Table[SurveyResultQuestion]
		recipients: DF.SmallText | None
		recommendations: DF.TextEditor | None
		respondents: DF.Int
		return_reason: DF.SmallText | None
		sample_size: DF.Int
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		survey: DF.Link
		title: DF.Data | None
		unit: DF.Link | None
		weighting_method: DF.Data | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		self.set_unit()
		self.draft_method()

	def validate(self):
		self.set_unit()
		set_issuing_defaults(self, self.unit, unit_field="unit")
		if not self.title and self.survey:
			title = frappe.db.get_value("Opinion Survey", self.survey, "title") or ""
			# The summary line of the printed report, which is Vietnamese whoever writes it.
			self.title = _("Results of the {0}", lang="vi").format(title[:1].lower() + title[1:])
		self.validate_survey()
		self.validate_questions()
		validate_frozen_content(
			self,
			(PENDING,),
			RECORDED_FIELDS | ISSUING_FIELDS,
			_("{0} cannot be changed while the report is {1}. Ask for it to be returned for revision first."),
		)
		validate_return_reason(
			self, RETURNED, _("{0} is required to return the report: write what must be revised.")
		)
		forget_return_reason(self, PENDING)

	def before_submit(self):
		issue(self, "BC", _("{0} is required to issue the report."), unit_field="unit")
		self.issued_on = now_datetime()

	def before_update_after_submit(self):
		if self.workflow_state == ACCEPTED and self.has_value_changed("workflow_state"):
			if not frappe.db.get_value("DLXH Unit", self.unit, "parent_dlxh_unit"):
				frappe.throw(
					_(
						"{0} is the city's own report: it is issued, not sent to the city for acceptance."
					).format(self.name),
					frappe.ValidationError,
				)
			self.accepted_on = now_datetime()

	def on_update(self):
		comment_on_return(self, RETURNED)

	def on_trash(self):
		if self.workflow_state not in (None, DRAFT):
			frappe.throw(
				_("{0} is no longer a draft ({1}) and is kept on record: it cannot be deleted.").format(
					self.name, _(self.workflow_state)
				)
			)

	@frappe.whitelist()
	def return_for_revision(self, reason: str):
		return_with_reason(self, reason)

	@frappe.whitelist()
	def draft_from_analysis(self) -> None:
		"""Draft the method again from the survey's current analysis and add the questions it lacks, and
		save; the findings and recommendations the officer wrote are kept."""
		self.check_permission("write")
		self.draft_method()
		self.save()

	def set_unit(self):
		"""The report is the survey's responsible unit's document."""
		if self.survey:
			self.unit = frappe.db.get_value("Opinion Survey", self.survey, "responsible_unit")

	def validate_survey(self):
		if not self.docstatus.is_draft() or not self.has_value_changed("survey"):
			return
		refuse_unreadable_link(self, "survey")
		state = frappe.db.get_value("Opinion Survey", self.survey, "workflow_state")
		if state not in REPORTABLE_SURVEY_STATES:
			label = field_label(self, "survey")
			throw_invalid(
				label,
				_("{0}: {1} is {2}; its results are reported once its collection has ended.").format(
					label, self.survey, frappe.bold(_(state or DRAFT))
				),
			)

	def validate_questions(self):
		seen = set()
		for row in self.questions:
			row.question = (row.question or "").strip()
			if row.question in seen:
				label = field_label(row, "question")
				throw_invalid(
					label,
					_("{0} in row {1}: {2} is listed twice.").format(
						label, row.idx, frappe.bold(row.question)
					),
				)
			seen.add(row.question)

	def draft_method(self):
		"""The method from the survey's analysis (read with the user's permission on the survey): the
		sample achieved, the collection dates, the weighting, the confidence level and the largest margin
		of error; one row per question with results the report does not list yet."""
		from dlxh_app.dlxh_surveys.analysis import result_report

		if not self.survey:
			return
		report = result_report(self.survey)
		result = report["analysis"]
		weighting = result.get("weighting") or {}
		self.respondents = result.get("respondents") or 0
		self.sample_size = frappe.db.get_value("Opinion Survey", self.survey, "sample_size") or 0
		self.first_response = report["first_response"] and getdate(report["first_response"])
		self.last_response = report["last_response"] and getdate(report["last_response"])
		self.confidence_level = (result.get("confidence") or 0.95) * 100
		self.margin_of_error = report["largest_margin"] or 0
		self.weighting_method = result.get("method_label")
		self.design_effect = weighting.get("design_effect") or 0
		listed = {row.question for row in self.questions}
		for question in result.get("questions", []):
			if question.get("options") and question["code"] not in listed:
				self.append(
					"questions", {"question": question["code"], "label": question["label"], "include": 1}
				)


def has_issued_report(survey: str) -> str | None:
	"""The name of the survey's issued (or accepted) result report, if it has one."""
	return frappe.db.get_value(
		"Survey Result Report", {"survey": survey, "docstatus": 1}, "name", order_by="creation desc"
	)
