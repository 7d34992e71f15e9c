# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from datetime import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import (
	format_date,
	format_datetime,
	get_datetime,
	get_system_timezone,
	getdate,
	now_datetime,
	today,
)

from dlxh_app.dlxh_reporting.rules.compliance import RECEIVED_STATES
from dlxh_app.dlxh_reporting.rules.deadline import to_aware, to_naive
from dlxh_app.dlxh_setup.issuing import issue, set_issuing_defaults
from dlxh_app.dlxh_setup.rules.validity import is_valid_on
from dlxh_app.permissions import get_user_unit, reachable_units
from dlxh_app.validation import field_label, throw_invalid

# Workflow states (setup/data/workflows.json, "Report Request").
CLOSED = "Closed"


class ReportRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dlxh_app.dlxh_reporting.doctype.report_request_unit.report_request_unit import ReportRequestUnit

		all_reporting_units: DF.Check
		amended_from: DF.Link | None
		content: DF.TextEditor | None
		deadline: DF.Datetime
		document_date: DF.Date | None
		document_number: DF.Int
		document_reference: DF.Data | None
		issuing_unit: DF.Link
		party_term: DF.Data | None
		place_name: DF.Data | None
		recipients: DF.SmallText | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		subject: DF.Data
		topic: DF.Link | None
		units: DF.Table[ReportRequestUnit]
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		# Once issued, the request is the letter the units received; closing it changes nothing else.
		if self.docstatus.is_draft():
			self.validate_request()

	def before_submit(self):
		self.validate_request()
		issue(self, "CV", _("{0} is required to issue the request."))

	def onload(self):
		if self.docstatus.is_submitted():
			self.set_onload("responses", self.get_responses())

	def validate_request(self):
		set_issuing_defaults(
			self, self.issuing_unit or frappe.get_cached_doc("DLXH Settings").city_unit or get_user_unit()
		)
		self.validate_deadline()
		self.validate_units()

	def validate_deadline(self):
		if self.deadline and get_datetime(self.deadline) <= now_datetime():
			label = field_label(self, "deadline")
			throw_invalid(
				label,
				_("{0} ({1}) must be in the future: the units need time to report.").format(
					label, format_datetime(self.deadline)
				),
			)

	def validate_units(self):
		if self.all_reporting_units:
			# The tick decides; a list left from before would only mislead the reader.
			self.units = []
			return
		if not self.units:
			label = field_label(self, "units")
			throw_invalid(
				label,
				_("{0}: choose at least one unit, or tick {1}.").format(
					label, field_label(self, "all_reporting_units")
				),
			)
		below = set(self.units_below(self.issuing_unit))
		# One query for the whole list: a request may be addressed to every ward of a district.
		units = {
			unit.name: unit
			for unit in frappe.get_all(
				"DLXH Unit",
				filters={"name": ["in", [row.unit for row in self.units]]},
				fields=["name", "is_reporting_unit", "valid_from", "valid_to"],
			)
		}
		seen: set[str] = set()
		for row in self.units:
			unit = units[row.unit]
			if row.unit in seen:
				message = _("{0} in row {1}: {2} is listed twice.")
			elif not unit.is_reporting_unit:
				message = _("{0} in row {1}: {2} is not a reporting unit.")
			elif row.unit not in below:
				message = _("{0} in row {1}: {2} is not a unit below {3}.")
			elif not is_valid_on(unit.valid_from, unit.valid_to, getdate(today())):
				message = _("{0} in row {1}: {2} no longer exists on {4}.")
			else:
				seen.add(row.unit)
				continue
			label = field_label(row, "unit")
			throw_invalid(
				label,
				message.format(
					label,
					row.idx,
					frappe.bold(row.unit),
					frappe.bold(self.issuing_unit),
					format_date(today()),
				),
			)

	def addressed_units(self) -> list[str]:
		"""The units asked to answer: those listed, or every reporting unit below the issuing unit that
		existed on the day the request was issued (today for a draft)."""
		if not self.all_reporting_units:
			return [row.unit for row in self.units]
		on = getdate(self.document_date or today())
		units = frappe.get_all(
			"DLXH Unit",
			filters={"name": ["in", self.units_below(self.issuing_unit)], "is_reporting_unit": 1},
			fields=["name", "valid_from", "valid_to"],
			order_by="lft asc",
		)
		return [unit.name for unit in units if is_valid_on(unit.valid_from, unit.valid_to, on)]

	def local_deadline(self) -> datetime:
		"""The deadline as the letter states it: in the Department's time zone (DLXH Settings), while the
		database keeps it in the system's, which on a server may be UTC."""
		stored = to_aware(get_datetime(self.deadline), get_system_timezone())
		return to_naive(stored, frappe.get_cached_doc("DLXH Settings").time_zone)

	@staticmethod
	def units_below(unit: str) -> list[str]:
		return frappe.get_all("DLXH Unit", filters={"name": ["descendants of", unit]}, pluck="name")

	@frappe.whitelist()
	def get_responses(self) -> list[dict]:
		"""Each addressed unit the user may see, with its answer: the ad hoc report linked to this request,
		which counts as an answer once it has been sent to the city."""
		self.check_permission("read")
		reports = {
			report.unit: report
			for report in frappe.get_all(
				"Opinion Report",
				filters={"report_request": self.name, "docstatus": ["<", 2]},
				fields=["name", "unit", "workflow_state", "sent_on", "is_late", "days_late"],
			)
		}
		responses = []
		for unit in reachable_units(self.addressed_units()):
			report = reports.get(unit) or frappe._dict()
			responses.append(
				{
					"unit": unit,
					"answered": report.workflow_state in RECEIVED_STATES,
					"report": report.name,
					"status": report.workflow_state,
					"sent_on": report.sent_on,
					"is_late": report.is_late,
					"days_late": report.days_late,
				}
			)
		return responses
