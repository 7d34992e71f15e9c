# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""Who sent the monthly report on time, late, not at all, or had it returned: one row per reporting unit
the user may reach, one column per period, totals per unit and a totals row per period.

Read by the database (dlxh_app.dlxh_reporting.compliance); exported to Excel by the desk's own export."""

import frappe
from frappe import _

from dlxh_app.dlxh_reporting.compliance import check_unit, get_matrix, read_periods, status_label
from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import local_now
from dlxh_app.dlxh_reporting.rules.compliance import Compliance, totals
from dlxh_app.dlxh_reporting.rules.period import format_period, period_key

# The statuses counted in the totals columns, with their column names.
COUNTED = {
	Compliance.ON_TIME: "on_time",
	Compliance.LATE: "late",
	Compliance.MISSING: "missing",
	Compliance.RETURNED: "returned",
}


def execute(filters: dict | None = None):
	"""A refusal (a filter out of range, a unit beyond the user's reach, too many runs) is shown to the user
	with no rows, not raised: Frappe v15 arms a timer when a script report starts and cancels it only when
	`execute` returns, so a report that raised would switch itself to a prepared report for everyone."""
	filters = frappe._dict(filters or {})
	now = local_now()
	try:
		periods = read_periods(
			filters.from_period or period_key(now.year, 1),
			filters.to_period or period_key(now.year, now.month),
			_("From Period"),
			_("To Period"),
		)
		matrix = get_matrix(periods, unit=check_unit(filters.unit, _("Unit")), now=now)
	except (frappe.ValidationError, frappe.PermissionError):
		# The message is already in the response (frappe.throw logs it for the user).
		return get_columns([]), []
	return get_columns(periods), get_data(matrix)


def period_column(period) -> str:
	return "period_" + period_key(*period).replace("-", "_")


def get_columns(periods) -> list[dict]:
	return [
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "DLXH Unit", "width": 240},
		*(
			{
				"fieldname": period_column(period),
				"label": format_period(*period),
				"fieldtype": "Data",
				"width": 120,
			}
			for period in periods
		),
		*(
			{"fieldname": fieldname, "label": _(status.value), "fieldtype": "Int", "width": 90}
			for status, fieldname in COUNTED.items()
		),
	]


def get_data(matrix) -> list[dict]:
	rows = []
	for unit in matrix.units:
		cells = matrix.unit_cells(unit)
		row = {"unit": unit} | counted(totals(cells))
		row |= {
			period_column(period): status_label(cell)
			for period, cell in zip(matrix.periods, cells, strict=True)
		}
		rows.append(row)
	if rows:
		total_row = {"unit": _("Total")} | {
			fieldname: sum(row[fieldname] for row in rows) for fieldname in COUNTED.values()
		}
		for period in matrix.periods:
			count = counted(totals(matrix.period_cells(period)))
			total_row[period_column(period)] = _("{0} on time, {1} late, {2} missing, {3} returned").format(
				count["on_time"], count["late"], count["missing"], count["returned"]
			)
		rows.append(total_row)
	return rows


def counted(status_totals: dict[str, int]) -> dict[str, int]:
	return {fieldname: status_totals[status.value] for status, fieldname in COUNTED.items()}
