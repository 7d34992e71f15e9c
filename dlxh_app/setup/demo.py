"""Demo data to try the app with: the units of Can Tho in January 2025 and a few of the wards that took
over from its districts on 1 July 2025, one user per role, the 2025 city plan of the seed and two
district plans derived from it, taken through the approval workflow by the demo users themselves, the
three surveys of the city's plan (demo_surveys.py) and the 2025 reporting cycle (demo_reports.py).

On a bench: `bench --site SITE execute dlxh_app.setup.demo.make_demo` (bench commits afterwards).
The data is in setup/data/demo/. Records that exist already are left as they are, so running it again
changes nothing; nothing is committed here, so that a test can roll the demo back."""

from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils.password import update_password

from dlxh_app.setup.install import read_data

DEMO_PASSWORD = "dlxh-demo-2025"
# Reported on an issued plan, not written into the draft: an activity is done after the plan is issued.
PROGRESS_FIELDS = ("status", "status_note")


def make_demo():
	# Imported here: the reporting cycle and the surveys use this module's helpers.
	from dlxh_app.setup.demo_reports import make_reporting_cycle
	from dlxh_app.setup.demo_surveys import make_surveys

	make_units()
	make_users()
	make_settings()
	make_plans()
	make_surveys()
	make_reporting_cycle()


def get_demo_logins() -> list[dict]:
	"""Who can log in to the demo: email, role, unit and password of each demo user."""
	return [
		{"email": user["email"], "role": user["role"], "unit": user["unit"], "password": DEMO_PASSWORD}
		for user in read_data("demo/users.json")
	]


def make_units():
	"""Units in file order (parents first). Districts name the wards that succeed them, which come later
	in the file, so successors are linked once every unit exists."""
	successors = {}
	for values in read_data("demo/units.json"):
		if frappe.db.exists("DLXH Unit", values["unit_name"]):
			continue
		frappe.get_doc({"doctype": "DLXH Unit", **values, "successors": []}).insert(ignore_permissions=True)
		if values.get("successors"):
			successors[values["unit_name"]] = values["successors"]
	for name, rows in successors.items():
		# Loaded afresh: the units inserted since have moved this one's lft/rgt.
		unit = frappe.get_doc("DLXH Unit", name)
		unit.set("successors", rows)
		unit.save(ignore_permissions=True)


def make_users():
	for values in read_data("demo/users.json"):
		if not frappe.db.exists("User", values["email"]):
			make_user(values["email"], values["full_name"], values["role"], values["unit"])


def make_user(email: str, full_name: str, role: str, unit: str):
	"""A Vietnamese-speaking desk user of the unit with the demo password."""
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			# Vietnamese names put the given name last: the whole name goes in First Name, so that
			# Frappe shows it as written rather than re-ordered or cut.
			"first_name": full_name,
			"language": "vi",
			"send_welcome_email": 0,
			"dlxh_unit": unit,
			"roles": [{"role": role}],
		}
	)
	user.insert(ignore_permissions=True)
	update_password(user.name, DEMO_PASSWORD)


def make_settings():
	"""The city unit, the Party term the seed's plan was issued in and its signer; a site whose city unit
	is set already keeps its settings."""
	settings = frappe.get_single("DLXH Settings")
	if settings.city_unit:
		return
	settings.update(read_data("demo/settings.json"))
	settings.save(ignore_permissions=True)


def make_plans():
	"""Each plan is drafted by its officer and moved by the users the workflow names, so that owners,
	permissions, the no-self-approval rule and the Party number are the real ones."""
	for spec in read_data("demo/plans.json"):
		values = spec["plan"]
		if frappe.db.exists(
			"DLXH Plan",
			{"issuing_unit": values["issuing_unit"], "plan_year": values["plan_year"], "docstatus": ("<", 2)},
		):
			continue
		activities = values["activities"]
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
		for step in spec["workflow"]:
			with acting_as(step["user"]):
				plan = apply_workflow(plan, step["action"])
		if plan.docstatus == 1 and any(field in row for row in activities for field in PROGRESS_FIELDS):
			with acting_as(spec["drafted_by"]):
				report_progress(plan.name, activities)


def get_parent_plan(issuing_unit: str | None, plan_year: int) -> str | None:
	if not issuing_unit:
		return None
	return frappe.db.get_value(
		"DLXH Plan", {"issuing_unit": issuing_unit, "plan_year": plan_year, "docstatus": 1}, "name"
	)


def report_progress(plan_name: str, activities: list[dict]):
	plan = frappe.get_doc("DLXH Plan", plan_name)
	for row, values in zip(plan.activities, activities, strict=True):
		row.update({field: values[field] for field in PROGRESS_FIELDS if field in values})
	plan.save()


@contextmanager
def acting_as(user: str):
	"""Act as `user` in their language, as their own session would: what the app writes in the user's
	words (a workflow step in the timeline, an opinion's social stratum) reads as they would see it."""
	previous_user, previous_lang = frappe.session.user, frappe.local.lang
	frappe.set_user(user)
	frappe.local.lang = frappe.db.get_value("User", user, "language") or previous_lang
	try:
		yield
	finally:
		frappe.set_user(previous_user)
		frappe.local.lang = previous_lang
