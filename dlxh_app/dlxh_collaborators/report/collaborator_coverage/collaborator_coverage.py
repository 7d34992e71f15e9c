# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""The coverage of the collaborator network per unit, and city-wide on the city's row: actual against
target, the gaps, the communes and wards without a collaborator, the strata nobody follows, and whether
the network is too small or unbalanced; a chart of actual against target per unit.

Read by the database (dlxh_app.dlxh_collaborators.coverage), as the API `get_coverage` is."""

import frappe
from frappe import _

from dlxh_app.dlxh_collaborators.coverage import check_unit, get_coverage


def execute(filters: dict | None = None):
	"""A refusal (a unit beyond the user's reach) is shown with no rows, not raised, as the compliance
	report does (a report that raises turns into a prepared report on v15)."""
	filters = frappe._dict(filters or {})
	try:
		rows = get_coverage(check_unit(filters.unit, _("Unit")))
	except (frappe.ValidationError, frappe.PermissionError):
		return get_columns(), []
	if filters.only_gaps:
		rows = [(row, result) for row, result in rows if result.has_gaps]
	data = [get_row(row, result) for row, result in rows]
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "DLXH Unit", "width": 240},
		{"fieldname": "actual", "label": _("Collaborators"), "fieldtype": "Int", "width": 110},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Int", "width": 90},
		{"fieldname": "areas", "label": _("Communes and Wards"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "areas_without_count",
			"label": _("Without Collaborator"),
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"fieldname": "areas_without",
			"label": _("Communes and Wards without Collaborator"),
			"fieldtype": "Small Text",
			"width": 220,
		},
		{
			"fieldname": "missing_strata",
			"label": _("Strata Missing"),
			"fieldtype": "Small Text",
			"width": 220,
		},
		{"fieldname": "gaps", "label": _("Gaps against Target"), "fieldtype": "Small Text", "width": 260},
		{"fieldname": "too_small", "label": _("Too Small"), "fieldtype": "Check", "width": 80},
		{"fieldname": "unbalanced", "label": _("Unbalanced"), "fieldtype": "Check", "width": 90},
		{"fieldname": "has_gaps", "label": _("Has Gaps"), "fieldtype": "Check", "width": 80},
		{
			"fieldname": "regulation_version",
			"label": _("Regulation Version"),
			"fieldtype": "Int",
			"width": 100,
		},
		{
			"fieldname": "regulation_outdated",
			"label": _("Regulation Outdated"),
			"fieldtype": "Check",
			"width": 100,
		},
	]


def get_row(row, result) -> dict:
	gaps = [_("{0}: {1} of {2}").format(_(gap.value), gap.actual, gap.target) for gap in result.gaps]
	if result.dominant:
		_dimension, value, share = result.dominant
		gaps.append(_("{0} holds {1}% of the network").format(_(value), share))
	return {
		"unit": row.name,
		"actual": result.actual,
		"target": result.target.min_collaborators,
		"areas": result.area_count,
		"areas_without_count": len(result.areas_without),
		"areas_without": ", ".join(result.areas_without),
		"missing_strata": ", ".join(_(stratum) for stratum in result.missing_strata),
		"gaps": "; ".join(gaps),
		"too_small": int(result.too_small),
		"unbalanced": int(result.unbalanced),
		"has_gaps": int(result.has_gaps),
		"regulation_version": row.regulation["adopted"],
		"regulation_outdated": int(row.regulation["outdated"]),
	}


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row["unit"] for row in data],
			"datasets": [
				{"name": _("Collaborators"), "values": [row["actual"] for row in data]},
				{"name": _("Target"), "values": [row["target"] for row in data]},
			],
		},
		"type": "bar",
		"colors": ["#2490ef", "#ff5858"],
	}
