# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, now_datetime

from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import set_default_period, validate_period
from dlxh_app.dlxh_reporting.rules.compliance import Compliance
from dlxh_app.dlxh_reporting.rules.period import format_period
from dlxh_app.dlxh_reporting.rules.synthesis import format_concerns, format_units, quote
from dlxh_app.dlxh_reporting.synthesis import (
	period_compliance,
	period_stories,
	summarize_period,
	survey_result_reports,
)
from dlxh_app.dlxh_setup.issuing import ISSUING_FIELDS, issue, set_issuing_defaults
from dlxh_app.dlxh_setup.numbering import lock_issuer
from dlxh_app.validation import field_label, throw_invalid
from dlxh_app.workflow_rules import (
	comment_on_return,
	forget_return_reason,
	return_with_reason,
	validate_frozen_content,
	validate_return_reason,
)

# Workflow states (setup/data/workflows.json, "Opinion Synthesis Approval").
DRAFT = "Draft"
PENDING = "Pending Approval"
RETURNED = "Returned"
# While the leader reviews the synthesis, its content is what they are reviewing; only what is settled
# at issue and the leader's reason may change.
FROZEN_STATES = (PENDING,)
EDITABLE_WHILE_FROZEN = ISSUING_FIELDS | {"workflow_state", "return_reason"}


class OpinionSynthesis(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_reporting.doctype.opinion_synthesis_topic.opinion_synthesis_topic import (
			OpinionSynthesisTopic,
		)

		amended_from: DF.Link | None
		built_on: DF.Datetime | None
		document_date: DF.Date | None
		document_number: DF.Int
		document_reference: DF.Data | None
		issuing_unit: DF.Link
		late_units: DF.SmallText | None
		missing_units: DF.SmallText | None
		not_sent: DF.Int
		not_yet_due: DF.Int
		party_term: DF.Data | None
		period_month: DF.Int
		period_year: DF.Int
		place_name: DF.Data | None
		recipients: DF.SmallText | None
		recommendations: DF.TextEditor | None
		reports_accepted: DF.Int
		reports_awaiting: DF.Int
		return_reason: DF.SmallText | None
		returned_not_resent: DF.Int
		sent_late: DF.Int
		sent_on_time: DF.Int
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		situation_summary: DF.TextEditor | None
		survey_result_reports: DF.SmallText | None
		title: DF.Data
		topics: DF.Table[OpinionSynthesisTopic]
		units_owing: DF.Int
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		# The name is made from the period before `validate` runs.
		self.set_defaults()

	def validate(self):
		self.set_defaults()
		validate_period(self)
		self.validate_one_per_period()
		# The figures are the server's (SERVER_OWNED_PERMLEVEL): drawn here, never taken as sent.
		if self.is_new() or self.flags.draw_figures:
			self.draw_figures()
		else:
			self.validate_topics_kept()
		validate_frozen_content(
			self,
			FROZEN_STATES,
			EDITABLE_WHILE_FROZEN,
			_("{0} cannot be changed while the synthesis is {1}. Return it for revision first."),
		)
		validate_return_reason(
			self, RETURNED, _("{0} is required to return the synthesis: write what must be revised.")
		)
		forget_return_reason(self, PENDING)

	def before_submit(self):
		issue(self, "BC", _("{0} is required to issue the synthesis."))

	def on_update(self):
		comment_on_return(self, RETURNED)

	@frappe.whitelist()
	def return_for_revision(self, reason: str):
		return_with_reason(self, reason)

	@frappe.whitelist()
	def build_draft(self) -> int:
		"""Draw the topics and the reporting figures from the reports again, replacing those drawn before
		(the officer's text elsewhere stays), and save. Returns the number of topics."""
		self.check_permission("write")
		if not self.docstatus.is_draft() or self.workflow_state not in (None, DRAFT, RETURNED):
			frappe.throw(
				_(
					"{0} is {1}: only a draft or a returned synthesis can be drawn from the reports again."
				).format(self.name, _(self.workflow_state))
			)
		self.flags.draw_figures = True
		self.save()
		return len(self.topics)

	def draw_figures(self):
		"""The topic rows and the reporting figures, by grouped queries over the period's reports; the
		officer's assessment of a topic drawn again stays."""
		year, month = cint(self.period_year), cint(self.period_month)
		assessments = {row.topic: row.assessment for row in self.topics if row.assessment}
		stories = period_stories(year, month)
		self.set(
			"topics",
			[
				{
					"topic": summary.topic,
					**{trend.lower(): number for trend, number in summary.by_trend.items()},
					"total": summary.total,
					"stories": stories.get(summary.topic, (0, []))[0],
					"widely_heard": format_widely_heard(stories.get(summary.topic, (0, []))[1]),
					"previous_total": summary.previous_total,
					"change": summary.change,
					"units": format_units(summary.units),
					"concerns": format_concerns(summary.concerns),
					"assessment": assessments.get(summary.topic),
				}
				for summary in summarize_period(year, month)
			],
		)
		compliance = period_compliance(year, month)
		counts, units = compliance.counts, compliance.units
		self.units_owing = compliance.owed
		self.sent_on_time = counts[Compliance.ON_TIME]
		self.sent_late = counts[Compliance.LATE]
		self.returned_not_resent = counts[Compliance.RETURNED]
		self.not_sent = counts[Compliance.MISSING]
		self.not_yet_due = counts[Compliance.NOT_YET_DUE]
		self.reports_accepted = compliance.accepted
		self.reports_awaiting = compliance.awaiting
		self.late_units = format_units(units[Compliance.LATE])
		self.missing_units = format_units(units[Compliance.MISSING] + units[Compliance.RETURNED])
		self.survey_result_reports = "\n".join(
			f"{row.document_reference} – {row.title} ({row.unit})"
			for row in survey_result_reports(year, month)
		)
		self.built_on = now_datetime()

	def validate_topics_kept(self):
		"""The topic rows are drawn from the reports: a save may change what the officer writes in them,
		not add, remove or replace rows."""
		before = self.get_doc_before_save()
		stored = {(row.name, row.topic) for row in before.topics} if before else set()
		if {(row.name, row.topic) for row in self.topics} != stored:
			label = field_label(self, "topics")
			throw_invalid(
				label,
				_(
					"{0} are drawn from the accepted reports and cannot be added or removed by hand: use {1}."
				).format(label, _("Build Draft from Reports")),
			)

	def set_defaults(self):
		settings = frappe.get_cached_doc("DLXH Settings")
		set_issuing_defaults(self, settings.city_unit)
		set_default_period(self)
		if not (self.title or "").strip() and self.period_year and self.period_month:
			# The summary line of the printed report, which is Vietnamese whoever writes it.
			self.title = _("Public opinion in {0}", lang="vi").format(
				format_period(cint(self.period_year), cint(self.period_month))
			)

	def validate_one_per_period(self):
		if not (
			self.is_new() or self.has_value_changed("period_year") or self.has_value_changed("period_month")
		):
			return
		# Syntheses of one issuer wait for each other here, so that two made at once cannot both pass.
		lock_issuer(self.issuing_unit)
		filters = {"period_year": self.period_year, "period_month": self.period_month, "docstatus": ["<", 2]}
		if not self.is_new():
			filters["name"] = ["!=", self.name]
		existing = frappe.db.get_value("Opinion Synthesis", filters, "name")
		if existing:
			label = field_label(self, "period_month")
			throw_invalid(
				label,
				_("{0}: there is already a synthesis for {1} ({2}). Edit or amend that one instead.").format(
					label, format_period(cint(self.period_year), cint(self.period_month)), existing
				),
			)


def format_widely_heard(stories) -> str:
	"""A line per story told by several items: - “what people say” (heard N times in: units)."""
	return "\n".join(
		_("- “{0}” (heard {1} times in: {2})").format(
			quote(story.item.content), story.tellings, format_units(story.units)
		)
		for story in stories
	)
