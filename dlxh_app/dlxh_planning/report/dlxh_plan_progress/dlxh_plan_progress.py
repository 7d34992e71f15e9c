# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""Progress of the plans a user may see: activities by status and the share done, surveys done against
the plan's target, and the collaborator trainings held in the plan's year by its unit and the units below
it (those the user may read), per plan.

Counted by the database in one grouped query and one of trainings; the rows are limited by the app's unit
criterion."""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from dlxh_app.dlxh_planning.rules.plan import (
	CANCELLED,
	DONE,
	IN_PROGRESS,
	NOT_STARTED,
	progress_share,
	trainings_held,
)
from dlxh_app.permissions import match_conditions


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "plan", "label": _("Plan"), "fieldtype": "Link", "options": "DLXH Plan", "width": 140},
		{"fieldname": "plan_year", "label": _("Plan Year"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "issuing_unit",
			"label": _("Issuing Unit"),
			"fieldtype": "Link",
			"options": "DLXH Unit",
			"width": 220,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "document_reference", "label": _("Document Number"), "fieldtype": "Data", "width": 130},
		{"fieldname": "activities", "label": _("Activities"), "fieldtype": "Int", "width": 90},
		{"fieldname": "done", "label": _("Done"), "fieldtype": "Int", "width": 80},
		{"fieldname": "in_progress", "label": _("In Progress"), "fieldtype": "Int", "width": 90},
		{"fieldname": "not_started", "label": _("Not Started"), "fieldtype": "Int", "width": 90},
		{"fieldname": "cancelled", "label": _("Cancelled"), "fieldtype": "Int", "width": 90},
		{"fieldname": "progress", "label": _("Progress"), "fieldtype": "Percent", "width": 100},
		{"fieldname": "planned_surveys", "label": _("Planned Surveys"), "fieldtype": "Int", "width": 110},
		{"fieldname": "surveys_done", "label": _("Surveys Done"), "fieldtype": "Int", "width": 110},
		{"fieldname": "trainings_held", "label": _("Trainings Held"), "fieldtype": "Int", "width": 110},
		{"fieldname": "training_hours", "label": _("Training Hours"), "fieldtype": "Float", "width": 110},
	]


def get_data(filters) -> list[dict]:
	conditions = ["plan.docstatus < 2"]
	values = {"done": DONE, "cancelled": CANCELLED, "in_progress": IN_PROGRESS, "not_started": NOT_STARTED}
	if filters.plan_year:
		conditions.append("plan.plan_year = %(plan_year)s")
		values["plan_year"] = filters.plan_year
	if filters.issuing_unit:
		if frappe.utils.cint(filters.get("include_units_below", 1)):
			conditions.append(
				"plan.issuing_unit in (select unit.name from `tabDLXH Unit` unit, `tabDLXH Unit` chosen"
				" where chosen.name = %(issuing_unit)s and unit.lft >= chosen.lft and unit.rgt <= chosen.rgt)"
			)
		else:
			conditions.append("plan.issuing_unit = %(issuing_unit)s")
		values["issuing_unit"] = filters.issuing_unit
	if permitted := match_conditions("DLXH Plan", table_alias="plan"):
		conditions.append(permitted)

	rows = frappe.db.sql(
		f"""
		select plan.name as plan, plan.plan_year, plan.issuing_unit, plan.workflow_state as status,
			plan.document_reference, plan.planned_surveys, plan.surveys_done,
			count(activity.name) as activities,
			sum(case when activity.status = %(done)s then 1 else 0 end) as done,
			sum(case when activity.status = %(in_progress)s then 1 else 0 end) as in_progress,
			sum(case when activity.status = %(not_started)s then 1 else 0 end) as not_started,
			sum(case when activity.status = %(cancelled)s then 1 else 0 end) as cancelled
		from `tabDLXH Plan` plan
		left join `tabDLXH Plan Activity` activity
			on activity.parent = plan.name and activity.parenttype = 'DLXH Plan'
		where {" and ".join(conditions)}
		group by plan.name, plan.plan_year, plan.issuing_unit, plan.workflow_state, plan.document_reference,
			plan.planned_surveys, plan.surveys_done
		order by plan.plan_year desc, plan.issuing_unit
		""",
		values,
		as_dict=True,
	)
	bounds = unit_bounds({row.issuing_unit for row in rows})
	sessions = training_sessions() if rows else []
	on = getdate(today())
	for row in rows:
		row.status = _(row.status) if row.status else None
		row.progress = progress_share(int(row.done or 0), int(row.cancelled or 0), row.activities)
		row.trainings_held, row.training_hours = (
			trainings_held(cint(row.plan_year), bounds[row.issuing_unit], sessions, on)
			if row.issuing_unit in bounds
			else (0, 0.0)
		)
	return rows


def unit_bounds(units: set[str]) -> dict[str, tuple[int, int]]:
	if not units:
		return {}
	rows = frappe.get_all("DLXH Unit", {"name": ["in", list(units)]}, ["name", "lft", "rgt"])
	return {row.name: (cint(row.lft), cint(row.rgt)) for row in rows}


def training_sessions() -> list[tuple]:
	"""(date, lft of the organiser unit, hours) of the collaborator trainings held up to today that the
	user may read."""
	conditions = ["training.training_date <= %(today)s"]
	if permitted := match_conditions("Collaborator Training", table_alias="training"):
		conditions.append(permitted)
	rows = frappe.db.sql(
		f"""select training.training_date, u.lft, training.hours from `tabCollaborator Training` training
		join `tabDLXH Unit` u on u.name = training.organiser_unit
		where {" and ".join(conditions)}""",
		{"today": today()},
	)
	return [(getdate(day), cint(lft), flt(hours)) for day, lft, hours in rows]
