"""The demo's surveys: the three of the city's 2025 plan (data in setup/data/demo/surveys.json), each drafted
by the city's officer from a library questionnaire, proposed and approved through the workflow by the demo
users, its process and settlement recorded as the officer would: the pair on the 2025 merger of communes and
wards (the survey before it, closed and settled; the one after it, analysing) and the survey of awareness
of Resolution 57-NQ/TW, in the field with its online collection open around today. The budget norms
(survey_norms.json) are illustrative rates, marked so, never official ones. The responses are the
collection side's."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, now_datetime

from dlxh_app.setup.demo import acting_as
from dlxh_app.setup.install import read_data

# What the officer records once the survey is approved: the actual dates of its steps and its settlement.
STEP_PROGRESS = ("actual_start", "actual_end")
BUDGET_PROGRESS = ("settled_quantity",)


def make_surveys():
	norms = make_norms()
	made = {}
	for spec in read_data("demo/surveys.json"):
		values = spec["survey"]
		existing = frappe.db.get_value(
			"Opinion Survey",
			{"title": values["title"], "survey_year": values["survey_year"], "docstatus": ["<", 2]},
		)
		if existing:
			made[spec["key"]] = existing
			continue
		with acting_as(spec["drafted_by"]):
			survey = frappe.get_doc(draft_values(spec, norms, made)).insert()
		for step in spec["workflow"]:
			with acting_as(step["user"]):
				survey = apply_workflow(survey, step["action"])
			if step["action"] == "Approve":
				# Approved on the day of the data, not the day the demo is loaded.
				survey.db_set("decision_date", spec["decision_date"], update_modified=False)
				with acting_as(spec["drafted_by"]):
					survey = record_progress(survey.name, values)
		made[spec["key"]] = survey.name


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


def draft_values(spec: dict, norms: dict[str, str], made: dict[str, str]) -> dict:
	"""The survey as drafted: the plan it serves, its pair, the norms of its budget lines, the online
	collection's dates around today, and none of what is recorded after approval."""
	values = spec["survey"]
	now = now_datetime()
	return {
		"doctype": "Opinion Survey",
		**values,
		"plan": frappe.db.get_value(
			"DLXH Plan",
			{"issuing_unit": values["responsible_unit"], "plan_year": values["survey_year"], "docstatus": 1},
		),
		"paired_survey": made.get(spec.get("pair_with")),
		"steps": [without(row, STEP_PROGRESS) for row in values["steps"]],
		"budget_lines": [
			{"norm": norms[row["item"]], **without(row, BUDGET_PROGRESS)} for row in values["budget_lines"]
		],
		**(
			{
				"opens_on": add_days(now, spec["opens_in_days"]),
				"closes_on": add_days(now, spec["closes_in_days"]),
			}
			if "opens_in_days" in spec
			else {}
		),
	}


def record_progress(name: str, values: dict):
	survey = frappe.get_doc("Opinion Survey", name)
	for row, data in zip(survey.steps, values["steps"], strict=True):
		row.update({field: data[field] for field in STEP_PROGRESS if field in data})
	for row, data in zip(survey.budget_lines, values["budget_lines"], strict=True):
		row.update({field: data[field] for field in BUDGET_PROGRESS if field in data})
	survey.save()
	return survey


def without(row: dict, fields: tuple[str, ...]) -> dict:
	return {key: value for key, value in row.items() if key not in fields}
