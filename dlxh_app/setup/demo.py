"""Demo data to try the app with, living in today: the units of Can Tho in January 2025 and the wards
that took over from two of its districts on 1 July 2025, each with its default signer; the users of the
README's table and a leader and an officer of every reporting unit (demo_users.py); the 2025 plans of the
seed and the plans of every year since (demo_plans.py); the three surveys of the city's 2025 plan
(demo_surveys.py); the collaborator network (demo_collaborators.py); the reporting cycle from January
2025 to the current month (demo_reports.py); the opinion AI's labelled entries of the last twelve weeks
and its model (demo_ai.py).
Everything is recorded in the order it happened, and what is dated after 2025 is anchored to today in the
Department's time zone (demo_time.py), so that the demo still lives in today next year.

On a bench: `bench --site SITE execute dlxh_app.setup.demo.make_demo` (bench commits afterwards).
The data is in setup/data/demo/. Records that exist already are left as they are, so running it again the
same day changes nothing; nothing is committed here, so that a test can roll the demo back."""

import frappe

from dlxh_app.dlxh_setup.issuing import SIGNER_FIELDS
from dlxh_app.setup.demo_ai import make_ai_demo
from dlxh_app.setup.demo_collaborators import collaborator_events
from dlxh_app.setup.demo_plans import plan_events
from dlxh_app.setup.demo_reports import reporting_events
from dlxh_app.setup.demo_surveys import survey_events
from dlxh_app.setup.demo_time import DemoTime, Event, run_in_order
from dlxh_app.setup.demo_users import DEMO_PASSWORD, make_users
from dlxh_app.setup.install import read_data


def make_demo(reporting: bool = True, surveys_and_network: bool = True):
	"""The whole demo; without `reporting`, its units, users, settings, plans, surveys and collaborator
	network; without `surveys_and_network` either, its plans only (what the plans' print test reads)."""
	make_units()
	units = read_data("demo/report_units.json")
	make_users(units)
	make_settings()
	time = DemoTime()
	events = [*plan_events(time), *party_term_events(time)]
	if surveys_and_network:
		events += [*survey_events(time), *collaborator_events(time)]
	if reporting:
		events += reporting_events(time, units)
	run_in_order(events)
	if reporting:
		make_ai_demo(units, time.today)


def get_demo_logins() -> list[dict]:
	"""Who can log in to the demo, as the README's table lists them: email, role, unit and password."""
	return [
		{"email": user["email"], "role": user["role"], "unit": user["unit"], "password": DEMO_PASSWORD}
		for user in read_data("demo/users.json")
	]


def make_units():
	"""Units in file order (parents first). Districts name the wards that succeed them, which come later
	in the file, so successors are linked once every unit exists. A unit made by an earlier demo gets the
	default signer it lacks."""
	successors = {}
	for values in read_data("demo/units.json"):
		if frappe.db.exists("DLXH Unit", values["unit_name"]):
			give_default_signer(values)
			continue
		frappe.get_doc({"doctype": "DLXH Unit", **values, "successors": []}).insert(ignore_permissions=True)
		if values.get("successors"):
			successors[values["unit_name"]] = values["successors"]
	for name, rows in successors.items():
		# Loaded afresh: the units inserted since have moved this one's lft/rgt.
		unit = frappe.get_doc("DLXH Unit", name)
		unit.set("successors", rows)
		unit.save(ignore_permissions=True)


def give_default_signer(values: dict):
	signer = {field: values[field] for field in SIGNER_FIELDS if field in values}
	name = values["unit_name"]
	if signer and not frappe.db.get_value("DLXH Unit", name, "signer_name"):
		unit = frappe.get_doc("DLXH Unit", name)
		unit.update(signer)
		unit.save(ignore_permissions=True)


def make_settings():
	"""The city unit, the Party term the seed's plan was issued in and its signer; a site whose city unit
	is set already keeps its settings."""
	settings = frappe.get_single("DLXH Settings")
	if settings.city_unit:
		return
	values = read_data("demo/settings.json")
	values.pop("next_term")
	settings.update(values)
	settings.save(ignore_permissions=True)


def party_term_events(time: DemoTime) -> list[Event]:
	"""The Party term that began after the seed's (settings.json, "next_term"): documents issued from its
	first day are numbered from 01 again."""
	term = read_data("demo/settings.json")["next_term"]
	start = time.moment(f"{term['term_start_date']} 00:00")
	if not time.happened(start):
		return []

	def begin():
		settings = frappe.get_single("DLXH Settings")
		if settings.current_party_term < term["current_party_term"]:
			settings.update(term)
			settings.save(ignore_permissions=True)

	return [Event(start, begin)]
