"""The numbers of the "Public Opinion" workspace: its number cards are Custom cards, each a whitelisted
method here returning the number for the current month (in the Department's time zone), counted over the
units the user may reach, so that a unit's users see their own units' figures and the city sees all."""

import frappe
from frappe.utils import cint

from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import ACCEPTED, MONTHLY, local_now
from dlxh_app.dlxh_reporting.doctype.report_request.report_request import CLOSED
from dlxh_app.dlxh_reporting.rules.compliance import Compliance
from dlxh_app.dlxh_reporting.synthesis import period_compliance, report_states
from dlxh_app.permissions import get_unit_scope, match_conditions

COMPLIANCE_REPORT = ["query-report", "Report Compliance"]


def current_period() -> tuple[int, int]:
	now = local_now()
	return now.year, now.month


def card(value: int, route: list[str], route_options: dict | None = None) -> dict:
	"""What a Custom number card shows, and where a click on it leads (Frappe v16; v15 shows the number)."""
	return {"value": value, "fieldtype": "Int", "route": route, "route_options": route_options or {}}


@frappe.whitelist()
def reports_due(filters: str | dict | None = None) -> dict:
	"""The reporting units that owe the current month's report."""
	frappe.has_permission("Opinion Report", throw=True)
	return card(period_compliance(*current_period()).owed, COMPLIANCE_REPORT)


@frappe.whitelist()
def late_units(filters: str | dict | None = None) -> dict:
	"""The units that missed the current month's deadline: sent late, or not sent once it has passed. A
	report the city returned is not counted: the unit did send it, and the city waits for the revision."""
	frappe.has_permission("Opinion Report", throw=True)
	counts = period_compliance(*current_period()).counts
	return card(counts[Compliance.LATE] + counts[Compliance.MISSING], COMPLIANCE_REPORT)


@frappe.whitelist()
def accepted_reports(filters: str | dict | None = None) -> dict:
	"""The current month's monthly reports the city has accepted."""
	frappe.has_permission("Opinion Report", throw=True)
	year, month = current_period()
	# The count alone: the compliance of every unit (period_compliance) is not needed for it.
	return card(
		report_states(year, month).get(ACCEPTED, 0),
		["List", "Opinion Report"],
		{"report_type": MONTHLY, "period_year": year, "period_month": month, "docstatus": 1},
	)


@frappe.whitelist()
def open_report_requests(filters: str | dict | None = None) -> dict:
	"""Issued report requests not closed yet: for a unit's users, those their units issued or are asked
	to answer (listed, or addressed to every reporting unit below the issuer)."""
	frappe.has_permission("Report Request", throw=True)
	conditions, values = open_requests_conditions()
	count = frappe.db.sql(
		f"select count(*) from `tabReport Request` request where {' and '.join(conditions)}", values
	)[0][0]
	return card(cint(count), ["List", "Report Request"], {"docstatus": 1, "workflow_state": "Issued"})


def open_requests_conditions() -> tuple[list[str], dict]:
	"""The WHERE conditions (on `tabReport Request` as `request`) of the issued requests not closed yet that
	the user's units issued or are asked to answer (every one for city users), and their values."""
	conditions = ["request.docstatus = 1", "request.workflow_state != %(closed)s"]
	if permitted := match_conditions("Report Request", table_alias="request"):
		conditions.append(permitted)
	if scope := get_unit_scope():
		own, above = scope.units_sql(), scope.units_sql("above")
		conditions.append(
			f"""(request.issuing_unit in ({own})
			or (request.all_reporting_units = 1 and request.issuing_unit in ({above}))
			or exists (select 1 from `tabReport Request Unit` addressed
				where addressed.parent = request.name and addressed.parenttype = 'Report Request'
					and addressed.unit in ({own})))"""
		)
	return conditions, {"closed": CLOSED}
