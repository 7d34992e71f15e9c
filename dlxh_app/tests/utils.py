"""Helpers shared by the app's integration tests."""

import threading
from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow

from dlxh_app.permissions import clear_unit_scope_cache


def make_user(email: str, roles: list[str] | tuple[str, ...] = (), unit: str | None = None) -> str:
	"""A desk user with exactly these roles (and unit), made or reset; returns the user's name."""
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
		user.set("roles", [])
	else:
		user = frappe.new_doc("User")
		user.update({"email": email, "first_name": email.split("@")[0], "send_welcome_email": 0})
	for role in roles:
		user.append("roles", {"role": role})
	user.dlxh_unit = unit
	user.save(ignore_permissions=True)
	# The user's reach is cached for the request, which in tests lasts until the next set_user.
	clear_unit_scope_cache()
	return user.name


def make_unit(unit_name: str, **values):
	"""A DLXH Unit; a district Party committee unless the values say otherwise."""
	doc = frappe.get_doc(
		{
			"doctype": "DLXH Unit",
			"unit_name": unit_name,
			"unit_type": "District Party Committee",
			"abbreviation": "BTGQU",
		}
		| values
	)
	return doc.insert()


def make_city_unit(unit_name: str, abbreviation: str, parent_body_line: str):
	"""The city's Propaganda Department at the top of a test tree: a group that issues as the seed's does."""
	return make_unit(
		unit_name,
		unit_type="City Department",
		abbreviation=abbreviation,
		is_group=1,
		parent_body_line=parent_body_line,
		issuer_line="Ban Tuyên giáo",
		place_name="Cần Thơ",
	)


def make_plan(issuing_unit: str, plan_year: int = 2025, **values):
	"""A draft DLXH Plan with one activity, signed as the seed's plan is, inserted as the current user."""
	doc = frappe.get_doc(
		{
			"doctype": "DLXH Plan",
			"title": f"Công tác dư luận xã hội năm {plan_year}",
			"plan_year": plan_year,
			"issuing_unit": issuing_unit,
			"signing_authority": "K/T TRƯỞNG BAN",
			"signer_title": "PHÓ TRƯỞNG BAN",
			"signer_name": "Nguyễn Văn Thử",
			"activities": [
				{"content": "Nắm bắt dư luận xã hội hằng tháng", "responsible_unit": issuing_unit}
			],
		}
		| values
	)
	return doc.insert()


def as_user(user: str, function, *args, **kwargs):
	"""Call `function` as `user`, through their permissions; the session user is restored."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return function(*args, **kwargs)
	finally:
		frappe.set_user(previous)


def insert_as(user: str, values: dict):
	"""Insert the document `values` describe as `user` would, through their permissions."""
	return as_user(user, frappe.get_doc(values).insert)


def act(doc, *steps: tuple[str, str]):
	"""Apply workflow actions as the given users, in order: act(plan, (officer, "Send for Approval"), ...).

	Returns the document as the last action left it; the session user is restored."""
	previous = frappe.session.user
	try:
		for user, action in steps:
			frappe.set_user(user)
			doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
	finally:
		frappe.set_user(previous)
	return doc


@contextmanager
def in_language(lang: str):
	"""Translate as for a user of `lang`: messages, labels and options come out in that language."""
	previous = frappe.local.lang
	frappe.local.lang = lang
	frappe.local.lang_full_dict = None
	try:
		yield
	finally:
		frappe.local.lang = previous
		frappe.local.lang_full_dict = None


def in_request_thread(function):
	"""Run `function` in its own thread, as upstream's API tests do for HTTP exchanges: it gets its own
	`frappe.local` and database connection, and sees only committed data."""
	result = {}

	def target():
		try:
			result["value"] = function()
		except BaseException as error:
			result["error"] = error
		finally:
			frappe.destroy()

	thread = threading.Thread(target=target)
	thread.start()
	thread.join()
	if "error" in result:
		raise result["error"]
	return result["value"]


def rest_session(email: str | None, password: str | None, steps):
	"""Log in over HTTP (Frappe's WSGI application, no server needed) and run `steps(client)`; without an
	email, `steps` runs as Guest. Requests name the site in their Host header, as a browser does: a bench
	serving several sites picks the site by it."""
	from frappe.app import application
	from werkzeug.test import Client

	site = frappe.local.site

	class SiteClient(Client):
		def open(self, *args, **kwargs):
			kwargs.setdefault("base_url", f"http://{site}/")
			return super().open(*args, **kwargs)

	def run():
		client = SiteClient(application)
		if email:
			login = client.post("/api/method/login", data={"usr": email, "pwd": password})
			assert login.status_code == 200, login.get_data(as_text=True)[:300]
		return steps(client)

	return in_request_thread(run)
