"""What the app sets up on a site: on install (`after_install`) and again on every migrate
(`after_migrate`), so that a site installed with an earlier version gets what changed since.

The records the app ships here (workflows, default topics and legal documents; roles, the workspace and
its number cards ship as fixtures and standard records, which Frappe's migrate reconciles itself) follow
Frappe's rule for shipped records (`import_file_by_path`): each carries the `modified` of its shipped
version in setup/data, and a site's copy is rewritten when it is missing or older than that; a copy edited
on the site since is kept until a newer version ships. Change a shipped record by changing its data and
setting its `modified` to the time of the change. Shipped records no longer wanted should be made inactive
rather than deleted, or the next migrate makes them again."""

import json
from pathlib import Path

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.utils import cstr, get_datetime

from dlxh_app.dlxh_surveys.xlsform import make_library_questionnaires

DATA = Path(__file__).parent / "data"


def after_install():
	setup_site()
	hide_error_tracebacks()


def after_migrate():
	setup_site()


def setup_site():
	create_missing_custom_fields(get_custom_fields())
	keep_login_details_to_system_managers()
	make_opinion_topics()
	make_legal_documents()
	make_settings()
	make_workflows()
	make_library_questionnaires()


def get_custom_fields() -> dict:
	"""Fields the app adds to core DocTypes (labels in English, translated when shown)."""
	return {
		"User": [
			{
				"fieldname": "dlxh_unit",
				"fieldtype": "Link",
				"label": "DLXH Unit",
				"options": "DLXH Unit",
				"insert_after": "role_profile_name",
				"description": "The unit whose records the user works on; units below it are included",
				"in_standard_filter": 1,
				"module": "DLXH Setup",
			}
		]
	}


def create_missing_custom_fields(fields_by_doctype: dict) -> None:
	"""Frappe's `create_custom_fields` saves every field it is given, existing or not: a new Version on
	every migrate and, on v15, the DocType's table altered, which commits. Only the fields missing or
	differing from their definition here are given to it."""
	changed = {}
	for doctype, fields in fields_by_doctype.items():
		for field in fields:
			stored = frappe.db.get_value(
				"Custom Field", {"dt": doctype, "fieldname": field["fieldname"]}, list(field), as_dict=True
			)
			if not stored or any(cstr(stored[key]) != cstr(value) for key, value in field.items()):
				changed.setdefault(doctype, []).append(field)
	if changed:
		create_custom_fields(changed)


def sync_shipped_record(values: dict, shipped_modified: str) -> None:
	"""Write a shipped record (`values` with its doctype and name) if the site has none or an older one,
	and give it the shipped version's `modified`, as Frappe's import of an app's records does."""
	doctype, name = values["doctype"], values["name"]
	stored = frappe.db.get_value(doctype, name, "modified")
	if stored and get_datetime(stored) >= get_datetime(shipped_modified):
		return
	doc = frappe.get_doc(doctype, name) if stored else frappe.new_doc(doctype)
	doc.update(values)
	doc.flags.ignore_permissions = True
	doc.save()
	frappe.db.set_value(doctype, doc.name, "modified", shipped_modified, update_modified=False)


# What a user's last login, address and activity say is for System Managers only: at User's permission
# level 1, which only System Manager reads.
LOGIN_DETAIL_FIELDS = ("last_login", "last_ip", "last_active")


def keep_login_details_to_system_managers():
	meta = frappe.get_meta("User")
	for fieldname in LOGIN_DETAIL_FIELDS:
		field = meta.get_field(fieldname)
		if field and field.permlevel != 1:
			make_property_setter("User", fieldname, "permlevel", 1, "Int", validate_fields_for_doctype=False)


def hide_error_tracebacks():
	"""The framework's own setting: users get the error's message, not the server's traceback (which
	names code, paths and sometimes data). Set once, at install; an administrator may turn it on again."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


def read_data(filename: str) -> list | dict:
	return json.loads((DATA / filename).read_text(encoding="utf-8"))


def make_opinion_topics():
	"""The topic groups of section II.2 of the annual plan (top-level topics are groups), each group
	before the topics under it."""

	def make(topics: list[dict], parent: str | None):
		for topic in topics:
			children = topic.get("children", [])
			values = {
				"doctype": "Opinion Topic",
				"name": topic["topic_name"],
				"topic_name": topic["topic_name"],
				"parent_opinion_topic": parent,
				"is_group": 1 if children or not parent else 0,
				"description": topic.get("description"),
				"keywords": topic.get("keywords"),
			}
			sync_shipped_record(values, topic["modified"])
			make(children, topic["topic_name"])

	make(read_data("opinion_topics.json"), None)


def make_legal_documents():
	"""The legal bases the annual plan cites and the budget rules it names."""
	for values in read_data("legal_documents.json"):
		shipped_modified = values.pop("modified")
		sync_shipped_record(
			{"doctype": "Legal Document", "name": values["document_number"], **values}, shipped_modified
		)


def make_settings():
	"""Store the defaults of DLXH Settings once, so that code reading single values finds them; a site
	whose settings were saved before keeps them."""
	if frappe.db.get_singles_dict("DLXH Settings"):
		return
	frappe.get_single("DLXH Settings").save(ignore_permissions=True)


def make_workflows():
	"""The approval workflows (setup/data/workflows.json), with the states and actions they name.

	A transition lists every role allowed to take it; Frappe stores one row per role."""
	for spec in read_data("workflows.json"):
		for state in spec["states"]:
			make_workflow_state(state["state"], state.get("style"))
		for transition in spec["transitions"]:
			if not frappe.db.exists("Workflow Action Master", transition["action"]):
				frappe.get_doc(
					{"doctype": "Workflow Action Master", "workflow_action_name": transition["action"]}
				).insert(ignore_permissions=True)
		sync_shipped_record(workflow_values(spec), spec["modified"])


def workflow_values(spec: dict) -> dict:
	return {
		"doctype": "Workflow",
		"name": spec["workflow_name"],
		"workflow_name": spec["workflow_name"],
		"document_type": spec["document_type"],
		"workflow_state_field": "workflow_state",
		"is_active": 1,
		"send_email_alert": 0,
		"states": [{key: value for key, value in row.items() if key != "style"} for row in spec["states"]],
		"transitions": [
			{
				"state": transition["state"],
				"action": transition["action"],
				"next_state": transition["next_state"],
				"allowed": role,
				"allow_self_approval": transition.get("allow_self_approval", 1),
			}
			for transition in spec["transitions"]
			for role in transition["allowed"]
		],
	}


def make_workflow_state(state: str, style: str | None):
	if not frappe.db.exists("Workflow State", state):
		frappe.get_doc(
			{"doctype": "Workflow State", "workflow_state_name": state, "style": style or ""}
		).insert(ignore_permissions=True)
