"""What the app sets up on a site: on install (`after_install`) and again on every migrate
(`after_migrate`), so that a site installed with an earlier version gets what was added since.

Every step is idempotent: existing records are left as the users edited them. Shipped records that are
no longer wanted should be made inactive rather than deleted, or the next migrate makes them again."""

import json
from pathlib import Path

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

DATA = Path(__file__).parent / "data"


def after_install():
	setup_site()
	hide_error_tracebacks()


def after_migrate():
	setup_site()


def setup_site():
	create_custom_fields(get_custom_fields())
	keep_login_details_to_system_managers()
	make_opinion_topics()
	make_legal_documents()
	make_settings()
	make_workflows()


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
			if not frappe.db.exists("Opinion Topic", topic["topic_name"]):
				frappe.get_doc(
					{
						"doctype": "Opinion Topic",
						"topic_name": topic["topic_name"],
						"parent_opinion_topic": parent,
						"is_group": 1 if children or not parent else 0,
						"description": topic.get("description"),
						"keywords": topic.get("keywords"),
					}
				).insert(ignore_permissions=True)
			make(children, topic["topic_name"])

	make(read_data("opinion_topics.json"), None)


def make_legal_documents():
	"""The legal bases the annual plan cites and the budget rules it names."""
	for values in read_data("legal_documents.json"):
		if not frappe.db.exists("Legal Document", values["document_number"]):
			frappe.get_doc({"doctype": "Legal Document", **values}).insert(ignore_permissions=True)


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
		if frappe.db.exists("Workflow", spec["workflow_name"]):
			continue
		workflow = frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": spec["workflow_name"],
				"document_type": spec["document_type"],
				"workflow_state_field": "workflow_state",
				"is_active": 1,
				"send_email_alert": 0,
				"states": [
					{key: value for key, value in row.items() if key != "style"} for row in spec["states"]
				],
			}
		)
		for transition in spec["transitions"]:
			for role in transition["allowed"]:
				workflow.append(
					"transitions",
					{
						"state": transition["state"],
						"action": transition["action"],
						"next_state": transition["next_state"],
						"allowed": role,
						"allow_self_approval": transition.get("allow_self_approval", 1),
					},
				)
		workflow.insert(ignore_permissions=True)


def make_workflow_state(state: str, style: str | None):
	if not frappe.db.exists("Workflow State", state):
		frappe.get_doc(
			{"doctype": "Workflow State", "workflow_state_name": state, "style": style or ""}
		).insert(ignore_permissions=True)
