"""The demo's plans: the seed's 2025 city plan and two district plans derived from it
(setup/data/demo/plans.json), and for every year since, the city's plan and the plan of the ward in the
README's walkthrough, from the templates of yearly_plans.json: each drafted by its officer and moved by
the users the workflow names at the moments the data gives, so that owners, permissions, the
no-self-approval rule and the Party number are the real ones. Only the steps up to now are taken: in
November and December the city is drafting next year's plan.

An issued plan reports its activities' progress: as the data says for 2025, and as of today for the
years since (done once their end date has passed, in progress once started)."""

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from dlxh_app.dlxh_planning.rules.plan import DONE, IN_PROGRESS
from dlxh_app.setup.demo_time import HISTORY_YEAR, DemoTime, Event
from dlxh_app.setup.demo_users import acting_as
from dlxh_app.setup.install import read_data

# Reported on an issued plan, not written into the draft: an activity is done after the plan is issued.
PROGRESS_FIELDS = ("status", "status_note")


def plan_events(time: DemoTime) -> list[Event]:
	"""The plans still to make, each at the last of its steps taken by now."""
	specs = read_data("demo/plans.json")
	years = range(HISTORY_YEAR + 1, time.today.year + 2)
	specs += [fill_year(spec, year) for year in years for spec in read_data("demo/yearly_plans.json")]
	events = []
	for spec in specs:
		values = spec["plan"]
		if frappe.db.exists(
			"DLXH Plan",
			{"issuing_unit": values["issuing_unit"], "plan_year": values["plan_year"], "docstatus": ("<", 2)},
		):
			continue
		drafted = time.moment(spec["drafted"])
		steps = [step for step in spec["workflow"] if time.happened(time.moment(step["at"]))]
		if not time.happened(drafted):
			continue
		last = time.moment(steps[-1]["at"]) if steps else drafted
		events.append(Event(last, lambda spec=spec, steps=steps: make_plan(spec, steps, time)))
	return events


def fill_year(template: dict, year: int) -> dict:
	"""The yearly plan template of yearly_plans.json for `year`: "{year}" and "{previous_year}" filled in
	every text, the year and the progress of its activities as of today."""
	placeholders = {"year": year, "previous_year": year - 1}

	def fill(value):
		if isinstance(value, str):
			return value.format(**placeholders)
		if isinstance(value, list):
			return [fill(item) for item in value]
		if isinstance(value, dict):
			return {key: fill(item) for key, item in value.items()}
		return value

	spec = fill(template)
	spec["plan"]["plan_year"] = year
	return spec


def make_plan(spec: dict, steps: list[dict], time: DemoTime):
	values = spec["plan"]
	activities = values["activities"]
	drafted = time.moment(spec["drafted"])
	with acting_as(spec["drafted_by"]):
		plan = frappe.get_doc(
			{
				"doctype": "DLXH Plan",
				**values,
				"parent_plan": get_parent_plan(spec.get("parent_plan_unit"), values["plan_year"]),
				"activities": [
					{key: value for key, value in row.items() if key not in PROGRESS_FIELDS}
					for row in activities
				],
			}
		).insert()
	time.step_done(plan, drafted)
	for step in steps:
		with acting_as(step["user"]):
			plan = apply_workflow(plan, step["action"])
		time.step_done(plan, time.moment(step["at"]))
	last = time.moment(steps[-1]["at"]) if steps else drafted
	issued = {"document_date": last.date()} if plan.docstatus == 1 and not values.get("document_date") else {}
	time.date(plan, drafted, last, **issued)
	if plan.docstatus == 1:
		with acting_as(spec["drafted_by"]):
			report_progress(plan.name, activities, time.today)


def get_parent_plan(issuing_unit: str | None, plan_year: int) -> str | None:
	if not issuing_unit:
		return None
	return frappe.db.get_value(
		"DLXH Plan", {"issuing_unit": issuing_unit, "plan_year": plan_year, "docstatus": 1}, "name"
	)


def report_progress(plan_name: str, activities: list[dict], today: date):
	"""The progress the data gives the activities or, for a plan whose data gives none, their progress as
	of today."""
	plan = frappe.get_doc("DLXH Plan", plan_name)
	as_of_today = not any(field in values for values in activities for field in PROGRESS_FIELDS)
	for row, values in zip(plan.activities, activities, strict=True):
		if as_of_today and row.start_date and getdate(row.start_date) <= today:
			row.status = DONE if row.end_date and getdate(row.end_date) < today else IN_PROGRESS
		else:
			row.update({field: values[field] for field in PROGRESS_FIELDS if field in values})
	plan.save()
