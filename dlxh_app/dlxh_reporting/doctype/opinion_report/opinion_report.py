# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from datetime import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import (
	cint,
	get_datetime,
	get_datetime_in_timezone,
	get_system_timezone,
	now_datetime,
)

from dlxh_app.dlxh_reporting.doctype.report_request.report_request import CLOSED
from dlxh_app.dlxh_reporting.rules.compliance import owes_report
from dlxh_app.dlxh_reporting.rules.deadline import deadline_for, judge, to_aware, to_naive
from dlxh_app.dlxh_reporting.rules.period import check_period, entry_window, format_period
from dlxh_app.dlxh_setup.issuing import ISSUING_FIELDS, issue, set_issuing_defaults
from dlxh_app.dlxh_setup.numbering import lock_issuer
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.text import plain_text
from dlxh_app.permissions import get_user_unit
from dlxh_app.validation import field_label, refuse_unreadable_link, throw_invalid
from dlxh_app.workflow_rules import (
	comment_on_return,
	forget_return_reason,
	return_with_reason,
	validate_frozen_content,
	validate_return_reason,
)

MONTHLY = "Monthly"
AD_HOC = "Ad hoc"

# Workflow states (setup/data/workflows.json, "Opinion Report Approval").
DRAFT = "Draft"
PENDING = "Pending Leader Approval"
SENT = "Sent to City"
RETURNED = "Returned"
ACCEPTED = "Accepted"
# While the unit's leader or the city reviews the report, its content is what they are reviewing; only
# what the workflow records and the reviewer's reason may change, and, until the leader sends it, what is
# settled when it is sent (signer, date, place, recipients).
RECORDED_FIELDS = frozenset(
	{"workflow_state", "return_reason", "deadline", "sent_on", "is_late", "days_late", "accepted_on"}
)
EDITABLE_WHILE_FROZEN = {PENDING: RECORDED_FIELDS | ISSUING_FIELDS, SENT: RECORDED_FIELDS}
# Fields that decide which report of a unit this is, and so whether it is the only one.
IDENTITY_FIELDS = ("unit", "report_type", "period_year", "period_month", "report_request")
# Verification statuses of the opinions a report may take in.
USABLE_ENTRIES = ("Verified", "Unverified")
# Fields an item takes as they are from the opinion entry it is made from.
COPIED_ENTRY_FIELDS = ("topic", "trend", "level_of_interest", "area", "source")


class OpinionReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_reporting.doctype.opinion_report_item.opinion_report_item import OpinionReportItem

		accepted_on: DF.Datetime | None
		amended_from: DF.Link | None
		days_late: DF.Int
		deadline: DF.Datetime | None
		document_date: DF.Date | None
		document_number: DF.Int
		document_reference: DF.Data | None
		forecast: DF.TextEditor | None
		is_late: DF.Check
		items: DF.Table[OpinionReportItem]
		party_term: DF.Data | None
		period_month: DF.Int
		period_year: DF.Int
		place_name: DF.Data | None
		recipients: DF.SmallText | None
		recommendations: DF.TextEditor | None
		report_request: DF.Link | None
		report_type: DF.Literal["Monthly", "Ad hoc"]
		return_reason: DF.SmallText | None
		sent_on: DF.Datetime | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		situation_summary: DF.TextEditor | None
		unit: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		# The name is made from the period before `validate` runs.
		self.set_defaults()

	def validate(self):
		self.set_defaults()
		self.validate_period()
		self.validate_unit()
		self.validate_report_request()
		self.validate_one_report()
		self.validate_new_entries()
		validate_frozen_content(
			self,
			tuple(EDITABLE_WHILE_FROZEN),
			EDITABLE_WHILE_FROZEN.get(self.workflow_state, RECORDED_FIELDS),
			_("{0} cannot be changed while the report is {1}. Ask for it to be returned for revision first."),
		)
		validate_return_reason(
			self, RETURNED, _("{0} is required to return the report: write what must be revised.")
		)
		self.record_sending()

	def before_submit(self):
		self.accepted_on = now_datetime()

	def on_update(self):
		self.link_entries([row.opinion_entry for row in self.items if row.opinion_entry])
		comment_on_return(self, RETURNED)

	def on_cancel(self):
		self.link_entries([])

	def on_trash(self):
		# A report that has gone to the leader is part of the unit's record, returned or not.
		if self.workflow_state not in (None, DRAFT):
			frappe.throw(
				_("{0} is no longer a draft ({1}) and is kept on record: it cannot be deleted.").format(
					self.name, _(self.workflow_state)
				)
			)
		self.link_entries([])

	@frappe.whitelist()
	def return_for_revision(self, reason: str):
		return_with_reason(self, reason)

	@frappe.whitelist()
	def pull_entries(self) -> int:
		"""Add the unit's recorded opinions of the period that are neither unfounded nor used yet as items,
		and save, so that they are marked as used at once. Returns how many were added."""
		self.check_permission("write")
		present = {row.opinion_entry for row in self.items}
		entries = frappe.get_all(
			"Opinion Entry",
			filters=self.entry_filters(),
			fields=["name", "social_stratum", "content", *COPIED_ENTRY_FIELDS],
			order_by="entry_date asc, creation asc",
		)
		added = [entry for entry in entries if entry.name not in present]
		for entry in added:
			self.append(
				"items",
				{field: entry[field] for field in COPIED_ENTRY_FIELDS}
				| {
					# Free text in the report, in the reader's words rather than the option's.
					"social_strata": _(entry.social_stratum) if entry.social_stratum else None,
					"content": plain_text(entry.content),
					"opinion_entry": entry.name,
				},
			)
		if added:
			self.save()
		return len(added)

	def entry_filters(self) -> dict:
		"""A monthly report takes the opinions of its period's days (from deadline to deadline); an ad hoc
		report those on the request's topic, up to today."""
		filters = {
			"unit": self.unit,
			"verification_status": ["in", USABLE_ENTRIES],
			"used_in_report": ["is", "not set"],
		}
		if self.report_type == MONTHLY:
			deadline_day = cint(frappe.get_cached_doc("DLXH Settings").report_deadline_day)
			filters["entry_date"] = ["between", entry_window(self.year, self.month, deadline_day)]
			return filters
		filters["entry_date"] = ["<=", local_now().date()]
		topic = frappe.db.get_value("Report Request", self.report_request, "topic")
		if topic:
			filters["topic"] = ["descendants of (inclusive)", topic]
		return filters

	def link_entries(self, entries: list[str]):
		"""Mark `entries` as used in this report and release those it no longer has. Written directly: the
		entries belong to their authors, who may no longer edit them once used."""
		entry = frappe.qb.DocType("Opinion Entry")
		release = (
			frappe.qb.update(entry).set(entry.used_in_report, None).where(entry.used_in_report == self.name)
		)
		if entries:
			release = release.where(entry.name.notin(entries))
		release.run()
		if entries:
			(
				frappe.qb.update(entry)
				.set(entry.used_in_report, self.name)
				.where(entry.name.isin(entries))
				.where(entry.used_in_report.isnull())
				.run()
			)

	@property
	def year(self) -> int:
		return cint(self.period_year)

	@property
	def month(self) -> int:
		return cint(self.period_month)

	def set_defaults(self):
		set_issuing_defaults(self, self.unit or get_user_unit(), unit_field="unit")
		set_default_period(self)
		if self.report_type != AD_HOC:
			self.report_request = None

	def validate_period(self):
		validate_period(self)

	def validate_unit(self):
		unit = self.unit and frappe.db.get_value(
			"DLXH Unit", self.unit, ["is_reporting_unit", "valid_from", "valid_to"], as_dict=True
		)
		if not unit:
			return
		if not unit.is_reporting_unit:
			throw_invalid(
				field_label(self, "unit"),
				_("{0}: {1} is not a reporting unit, so it sends no opinion reports.").format(
					field_label(self, "unit"), frappe.bold(self.unit)
				),
			)
		if not owes_report(unit.valid_from, unit.valid_to, self.year, self.month):
			throw_invalid(
				field_label(self, "unit"),
				_(
					"{0}: {1} did not exist in the period {2}. Choose the unit that carried on its work."
				).format(
					field_label(self, "unit"), frappe.bold(self.unit), format_period(self.year, self.month)
				),
			)

	def validate_report_request(self):
		if self.report_type != AD_HOC or not self.docstatus.is_draft():
			return
		label = field_label(self, "report_request")
		if not self.report_request:
			throw_invalid(
				field_label(self, "report_request"), _("{0} is required for an ad hoc report.").format(label)
			)
		refuse_unreadable_link(self, "report_request")
		request = frappe.get_doc("Report Request", self.report_request)
		if not request.docstatus.is_submitted():
			throw_invalid(
				field_label(self, "report_request"),
				_("{0}: {1} has not been issued, or was cancelled.").format(label, request.name),
			)
		if request.workflow_state == CLOSED and self.has_value_changed("report_request"):
			throw_invalid(
				field_label(self, "report_request"),
				_("{0}: {1} is closed and takes no more reports.").format(label, request.name),
			)
		if self.unit not in request.addressed_units():
			throw_invalid(
				field_label(self, "report_request"),
				_("{0}: {1} is not addressed to {2}.").format(label, request.name, frappe.bold(self.unit)),
			)

	def validate_one_report(self):
		if not (self.is_new() or any(self.has_value_changed(field) for field in IDENTITY_FIELDS)):
			return
		filters = {"unit": self.unit, "report_type": self.report_type, "docstatus": ["<", 2]}
		if self.report_type == MONTHLY:
			filters |= {"period_year": self.year, "period_month": self.month}
		else:
			filters["report_request"] = self.report_request
		if not self.is_new():
			filters["name"] = ["!=", self.name]
		# Reports of one unit wait for each other here, so that two made at once cannot both pass.
		lock_issuer(self.unit)
		existing = frappe.db.get_value("Opinion Report", filters, "name")
		if not existing:
			return
		if self.report_type == MONTHLY:
			throw_invalid(
				field_label(self, "period_month"),
				_("{0}: {1} already has a monthly report for {2} ({3}).").format(
					field_label(self, "period_month"),
					frappe.bold(self.unit),
					format_period(self.year, self.month),
					existing,
				),
			)
		throw_invalid(
			field_label(self, "report_request"),
			_("{0}: {1} has already answered {2} with report {3}.").format(
				field_label(self, "report_request"), frappe.bold(self.unit), self.report_request, existing
			),
		)

	def validate_new_entries(self):
		"""Opinions taken in by this save: the unit's own, not unfounded, not in another report."""
		before = self.get_doc_before_save()
		linked_before = {row.opinion_entry for row in before.items} if before else set()
		new_rows = [row for row in self.items if row.opinion_entry and row.opinion_entry not in linked_before]
		if not new_rows:
			return
		# One query for every row taken in: pull_entries may add a month's opinions in one save.
		entries = {
			entry.name: entry
			for entry in frappe.get_all(
				"Opinion Entry",
				filters={"name": ["in", [row.opinion_entry for row in new_rows]]},
				fields=["name", "unit", "verification_status", "used_in_report"],
			)
		}
		for row in new_rows:
			entry = entries[row.opinion_entry]
			if entry.unit != self.unit:
				refuse_unreadable_link(row, "opinion_entry")
				message = _("{0} in row {1}: {2} was recorded for {3}, not for {4}.")
			elif entry.verification_status not in USABLE_ENTRIES:
				message = _("{0} in row {1}: {2} was found to be unfounded.")
			elif entry.used_in_report not in (None, self.name):
				message = _("{0} in row {1}: {2} is already used in report {5}.")
			else:
				continue
			label = field_label(row, "opinion_entry")
			throw_invalid(
				label,
				message.format(
					label,
					row.idx,
					row.opinion_entry,
					frappe.bold(entry.unit),
					frappe.bold(self.unit),
					entry.used_in_report,
				),
			)

	def record_sending(self):
		"""Keep the deadline that applies up to date until the report is sent; when the leader sends it,
		issue it as the unit's document (signer, date, number), record the time and judge it against that
		deadline."""
		forget_return_reason(self, PENDING)
		sending = self.workflow_state == SENT and self.has_value_changed("workflow_state")
		if self.workflow_state in (SENT, ACCEPTED) and not sending:
			return
		if sending:
			issue(self, "BC", _("{0} is required to send the report to the city."), unit_field="unit")
		system_zone = get_system_timezone()
		deadline = self.applicable_deadline()
		self.deadline = deadline and to_naive(deadline, system_zone)
		if sending:
			self.sent_on = now_datetime()
			on_time, self.days_late = judge(to_aware(get_datetime(self.sent_on), system_zone), deadline)
			self.is_late = not on_time

	def applicable_deadline(self) -> datetime | None:
		"""An aware datetime: the deadline day of the period's month in the Department's time zone, or the
		request's deadline (stored in the system time zone)."""
		if self.report_type == AD_HOC:
			deadline = self.report_request and frappe.db.get_value(
				"Report Request", self.report_request, "deadline"
			)
			return deadline and to_aware(get_datetime(deadline), get_system_timezone())
		settings = frappe.get_cached_doc("DLXH Settings")
		return deadline_for(self.year, self.month, cint(settings.report_deadline_day), settings.time_zone)


def set_default_period(doc):
	"""A report or synthesis made without a period is of the current month in the Department's time zone."""
	if not (doc.period_year or doc.period_month):
		now = local_now()
		doc.period_year, doc.period_month = now.year, now.month


def validate_period(doc):
	"""The month reported on (`period_year`, `period_month` of a report or synthesis) is a real month, not
	after the current one in the Department's time zone."""
	year, month = cint(doc.period_year), cint(doc.period_month)
	try:
		check_period(year, month, local_now().date())
	except RuleError as error:
		if error.code == "year_range":
			fieldname = "period_year"
			message = _("{0} must be between {1} and {2}.").format(
				field_label(doc, fieldname), error.values[1], error.values[2]
			)
		elif error.code == "month_range":
			fieldname = "period_month"
			message = _("{0} must be a month between 1 and 12.").format(field_label(doc, fieldname))
		else:
			fieldname = "period_month"
			message = _("{0}: {1} is in the future. Report on the current month or an earlier one.").format(
				field_label(doc, fieldname), format_period(year, month)
			)
		throw_invalid(field_label(doc, fieldname), message)


def local_now() -> datetime:
	"""Now in the Department's time zone (DLXH Settings), which decides the current month."""
	return get_datetime_in_timezone(frappe.get_cached_doc("DLXH Settings").time_zone)


def on_doctype_update():
	# Compliance, reminders and the synthesis look reports up by unit and period for every unit at once.
	frappe.db.add_index("Opinion Report", ["unit", "period_year", "period_month"])
	# The synthesis and a period's compliance read one or two periods of every unit.
	frappe.db.add_index("Opinion Report", ["period_year", "period_month"])
