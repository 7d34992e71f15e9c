"""The demo's people: the users of the README's table (setup/data/demo/users.json), and a leader and an
officer of every reporting unit (and the collaborator some units have), made from the unit's slug in
report_units.json: `leader.<slug>@dlxh.local`, `officer.<slug>@dlxh.local`. All have DEMO_PASSWORD.

Users are made as Frappe's own Data Import makes them (`importing`): more than fifty at once, which the
limit Frappe puts on new users by hand (60 an hour, `throttle_user_creation`) would refuse on a site that
has just got a few."""

from contextlib import contextmanager

import frappe
from frappe.utils.password import update_password

from dlxh_app.setup.install import read_data

DEMO_PASSWORD = "dlxh-demo-2025"
UNIT_ROLES = {
	"officer": "DLXH Unit Officer",
	"leader": "DLXH Unit Leader",
	"collaborator": "DLXH Collaborator",
}


def make_users(units: list[dict]):
	"""The README's users, then the staff of the units (`units`: report_units.json) not among them. A
	README user made by an earlier demo is moved to the unit and role the README gives."""
	for values in read_data("demo/users.json"):
		if frappe.db.exists("User", values["email"]):
			give_unit_and_role(values["email"], values["role"], values["unit"])
		else:
			make_user(values["email"], values["full_name"], values["role"], values["unit"])
	for unit in units:
		for role, email in staff_of(unit).items():
			if not frappe.db.exists("User", email):
				make_user(email, unit[role], UNIT_ROLES[role], unit["unit"])


def staff_of(unit: dict) -> dict[str, str]:
	"""The emails of the unit's officer, leader and, where it names one, collaborator (report_units.json),
	by role."""
	roles = [role for role in UNIT_ROLES if role != "collaborator" or unit.get(role)]
	return {role: f"{role}.{unit['slug']}@dlxh.local" for role in roles}


def make_user(email: str, full_name: str, role: str, unit: str):
	"""A Vietnamese-speaking desk user of the unit with the demo password."""
	with importing():
		# As Data Import inserts a row: a new document with its defaults, then the row's values.
		user = frappe.new_doc("User")
		user.update(
			{
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


def give_unit_and_role(email: str, role: str, unit: str):
	user = frappe.get_doc("User", email)
	if user.dlxh_unit == unit and role in {row.role for row in user.roles}:
		return
	user.dlxh_unit = unit
	user.append_roles(role)
	user.save(ignore_permissions=True)


@contextmanager
def importing():
	"""Frappe's data-import mode, which Data Import sets while it inserts its rows."""
	previous = frappe.flags.in_import
	frappe.flags.in_import = True
	try:
		yield
	finally:
		frappe.flags.in_import = previous


@contextmanager
def acting_as(user: str):
	"""Act as `user` in their language, as their own session would: what the app writes in the user's
	words (a workflow step in the timeline, an opinion's social stratum) reads as they would see it."""
	with taking_turns() as turn:
		turn(user)
		yield


@contextmanager
def taking_turns():
	"""For a course of steps by several users: `turn(user)` acts as `user` from then on, without coming
	back to the caller's user in between (each change of user empties the request's caches); the caller's
	user and language come back at the end."""
	previous_user, previous_lang = frappe.session.user, frappe.local.lang

	def turn(user: str):
		if frappe.session.user != user:
			frappe.set_user(user)
			frappe.local.lang = frappe.db.get_value("User", user, "language") or previous_lang

	try:
		yield turn
	finally:
		frappe.set_user(previous_user)
		frappe.local.lang = previous_lang
