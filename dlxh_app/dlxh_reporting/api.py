"""Whitelisted methods of the reporting cycle."""

import frappe

from dlxh_app.dlxh_reporting.compliance import check_unit, get_matrix, read_periods, status_label
from dlxh_app.dlxh_reporting.rules.compliance import totals
from dlxh_app.dlxh_reporting.rules.period import format_period, period_key


@frappe.whitelist()
def get_compliance(from_period: str, to_period: str, unit: str | None = None) -> dict:
	"""Each reporting unit's status per period from `from_period` to `to_period` ("YYYY-MM", at most
	120 months), for the units the user may reach (within `unit` and the units below it, if given),
	with totals per unit and per period. Statuses are given as codes ("Late", with `days_late`) and as
	the user reads them (`label`). Each call may read every unit over ten years: it counts against the
	user's limit of such computations (dlxh_app/limits.py)."""
	frappe.has_permission("Opinion Report", "report", throw=True)
	periods = read_periods(from_period, to_period, "from_period", "to_period")
	matrix = get_matrix(periods, unit=check_unit(unit, "unit"))
	keys = {period: period_key(*period) for period in periods}
	return {
		"periods": [{"period": key, "label": format_period(*period)} for period, key in keys.items()],
		"units": [
			{
				"unit": name,
				"cells": {key: describe(matrix.cells[name, period]) for period, key in keys.items()},
				"totals": totals(matrix.unit_cells(name)),
			}
			for name in matrix.units
		],
		"period_totals": {key: totals(matrix.period_cells(period)) for period, key in keys.items()},
	}


def describe(cell) -> dict:
	return {"status": cell.status.value, "days_late": cell.days_late, "label": status_label(cell)}
