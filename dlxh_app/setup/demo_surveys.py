"""The demo's surveys: the three of the city's 2025 plan (setup/data/demo/surveys.json), each drafted by the
city's officer from a library questionnaire and moved through the workflow by the demo users at the moments
the data gives, its process and settlement recorded by the officer: the pair on the 2025 merger of communes
and wards (the survey before it, closed and settled; the one after it, analysing) and the survey of
awareness of Resolution 57-NQ/TW, in the field, whose online collection is kept open around today so that
the public page can be tried. Each step is an event of its own, so that the proposals and decisions are
numbered in the Party term of their day. The budget norms (survey_norms.json) are illustrative rates,
marked so, never official ones. Their synthetic responses: demo_responses.py."""

from datetime import datetime

import frappe
from frappe.model.workflow import apply_workflow

from dlxh_app.setup.demo_responses import response_events
from dlxh_app.setup.demo_time import DemoTime, Event
from dlxh_app.setup.demo_users import acting_as
from dlxh_app.setup.install import read_data

# What the officer records once the survey is under way: the actual dates of its steps and its settlement.
STEP_PROGRESS = ("actual_start", "actual_end")
BUDGET_PROGRESS = ("settled_quantity",)


def survey_events(time: DemoTime) -> list[Event]:
	"""The surveys still to make: the draft, each step and the progress recorded, at their moments."""
	events = []
	made: dict[str, str] = {}
	for spec in read_data("demo/surveys.json"):
		values = spec["survey"]
		existing = frappe.db.get_value(
			"Opinion Survey",
			{"title": values["title"], "survey_year": values["survey_year"], "docstatus": ["<", 2]},
		)
		if existing:
			made[spec["key"]] = existing
			continue
		drafted = time.moment(spec["drafted"])
		events.append(Event(drafted, lambda spec=spec: draft(spec, made, time)))
		for step in spec["workflow"]:
			at = time.moment(step["at"])
			events.append(
				Event(at, lambda spec=spec, step=step, at=at: take_step(spec, step, at, made, time))
			)
		events.extend(response_events(spec, made, time))
		recorded = time.moment(spec["progress_recorded"])
		events.append(Event(recorded, lambda spec=spec, at=recorded: record_progress(spec, at, made, time)))
	return events


def draft(spec: dict, made: dict[str, str], time: DemoTime):
	"""The survey as its officer drafts it: the plan it serves, its pair, the norms of its budget lines, the
	online collection's dates, and none of what is recorded once it is under way."""
	values = spec["survey"]
	norms = make_norms()
	collection = {
		field: time.stored(time.moment(moment)) for field, moment in spec.get("online_collection", {}).items()
	}
	with acting_as(spec["drafted_by"]):
		survey = frappe.get_doc(
			{
				"doctype": "Opinion Survey",
				**values,
				**collection,
				"plan": frappe.db.get_value(
					"DLXH Plan",
					{
						"issuing_unit": values["responsible_unit"],
						"plan_year": values["survey_year"],
						"docstatus": 1,
					},
				),
				"paired_survey": made.get(spec.get("pair_with")),
				"steps": [without(row, STEP_PROGRESS) for row in values["steps"]],
				"budget_lines": [
					{"norm": norms[row["item"]], **without(row, BUDGET_PROGRESS)}
					for row in values["budget_lines"]
				],
			}
		).insert()
	made[spec["key"]] = survey.name
	time.date(survey, time.moment(spec["drafted"]), time.moment(spec["drafted"]))


def take_step(spec: dict, step: dict, at: datetime, made: dict[str, str], time: DemoTime):
	"""One workflow action on the day of the data: the proposal and the decision dated that day; the results
	reported with the survey's result report, issued that day."""
	if step["action"] == "Report Results":
		issue_result_report(spec, step, at, made, time)
	with acting_as(step["user"]):
		survey = apply_workflow(frappe.get_doc("Opinion Survey", made[spec["key"]]), step["action"])
	time.step_done(survey, at)
	dated = {"Propose": "document_date", "Approve": "decision_date"}.get(step["action"])
	time.date(
		survey,
		time.moment(spec["drafted"]),
		at,
		**({dated: at.date()} if dated else {}),
	)


def issue_result_report(spec: dict, step: dict, at: datetime, made: dict[str, str], time: DemoTime):
	"""The survey's result report as its officer drafts it from the analysis with the findings of the data,
	sent for approval and issued by the survey's approver (who approved the survey) on the day."""
	approver = next(row["user"] for row in spec["workflow"] if row["action"] == "Approve")
	values = spec.get("result_report", {})
	with acting_as(step["user"]):
		report = frappe.get_doc(
			{"doctype": "Survey Result Report", "survey": made[spec["key"]], **values}
		).insert()
		report = apply_workflow(report, "Send for Approval")
	with acting_as(approver):
		report = apply_workflow(frappe.get_doc("Survey Result Report", report.name), "Approve and Issue")
	time.step_done(report, at)
	time.date(report, at, at, document_date=at.date(), issued_on=at)


def record_progress(spec: dict, at: datetime, made: dict[str, str], time: DemoTime):
	values = spec["survey"]
	survey = frappe.get_doc("Opinion Survey", made[spec["key"]])
	for row, data in zip(survey.steps, values["steps"], strict=True):
		row.update({field: data[field] for field in STEP_PROGRESS if field in data})
	for row, data in zip(survey.budget_lines, values["budget_lines"], strict=True):
		row.update({field: data[field] for field in BUDGET_PROGRESS if field in data})
	with acting_as(spec["drafted_by"]):
		survey.save()
	time.step_done(survey, at)
	time.date(survey, time.moment(spec["drafted"]), at)


def make_norms() -> dict[str, str]:
	"""The illustrative norms, by item; a norm the site has for the item and province is kept."""
	norms = {}
	for values in read_data("demo/survey_norms.json"):
		name = frappe.db.get_value(
			"Survey Budget Norm", {"item": values["item"], "province": values["province"]}
		)
		if not name:
			name = (
				frappe.get_doc({"doctype": "Survey Budget Norm", **values})
				.insert(ignore_permissions=True)
				.name
			)
		norms[values["item"]] = name
	return norms


def without(row: dict, fields: tuple[str, ...]) -> dict:
	return {key: value for key, value in row.items() if key not in fields}
