"""What the web app at /dlxh (frontend/, a Vue single-page app) learns about the session when it starts:
the user, roles and unit, the CSRF token, the language with the app's translations, the site's date and
number formats and time zone, and the app's DocTypes the user may read. The page (www/dlxh.py) writes it
into the HTML; after logging in, the app asks again through `get_boot` for the new session's token."""

import frappe
from frappe.translate import get_translations_from_apps
from frappe.utils import get_system_timezone

APP = "dlxh_app"

# The web app is the Department's: a visitor who has not chosen a language gets Vietnamese.
GUEST_LANGUAGE = "vi"


@frappe.whitelist(allow_guest=True, methods=["GET"])
def get_boot() -> dict:
	"""The session as the web app sees it (also for Guest, whose page is the login form)."""
	user = frappe.session.user
	language = session_language()
	frappe.local.lang = language
	boot = {
		"user": user,
		"csrf_token": frappe.sessions.get_csrf_token(),
		"language": language,
		"translations": get_translations_from_apps(language, [APP]),
		"date_format": frappe.get_system_settings("date_format") or "dd-mm-yyyy",
		"number_format": frappe.get_system_settings("number_format") or "#,###.##",
		"time_zone": get_system_timezone(),
		"roles": [],
		"doctypes": [],
	}
	if user == "Guest":
		return boot
	full_name, unit, time_zone = frappe.db.get_value("User", user, ["full_name", "dlxh_unit", "time_zone"])
	boot |= {
		"full_name": full_name,
		"roles": frappe.get_roles(user),
		"unit": unit,
		"time_zone": time_zone or boot["time_zone"],
		"doctypes": readable_doctypes(),
	}
	return boot


def session_language() -> str:
	"""The user's language as Frappe sets it; for Guest, the one chosen (`_lang`, or the
	`preferred_language` cookie the login form's switch sets), else Vietnamese."""
	if frappe.session.user != "Guest":
		return frappe.local.lang
	chosen = frappe.form_dict.get("_lang") or (
		frappe.request and frappe.request.cookies.get("preferred_language")
	)
	return chosen if chosen in {"vi", "en"} else GUEST_LANGUAGE


def readable_doctypes() -> list[dict]:
	"""The app's DocTypes (not child tables) the user may read, module by module in modules.txt order."""
	modules = frappe.get_module_list(APP)
	doctypes = frappe.get_all(
		"DocType",
		filters={"module": ["in", modules], "istable": 0},
		fields=["name", "module", "issingle", "is_submittable", "is_tree"],
		order_by="name asc",
	)
	doctypes.sort(key=lambda doctype: modules.index(doctype.module))
	return [
		doctype | {"can_create": frappe.has_permission(doctype.name, "create")}
		for doctype in doctypes
		if frappe.has_permission(doctype.name, "read")
	]
