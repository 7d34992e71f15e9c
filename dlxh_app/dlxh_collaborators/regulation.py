"""Which version of the collaborator regulation each unit applies, and the reminder to the units that
apply an older one than the city's current version (or none)."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from dlxh_app.dlxh_collaborators.rules.collaborator import ACTIVE
from dlxh_app.dlxh_collaborators.rules.regulation import Version, current_version, is_outdated

# The roles of a unit's users who are reminded.
REMINDED_ROLES = ("DLXH Unit Officer", "DLXH Unit Leader")


def read_current_version(on: date | None = None) -> Version | None:
	versions = [
		Version(
			row.name,
			cint(row.version),
			getdate(row.effective_from),
			row.effective_to and getdate(row.effective_to),
		)
		for row in frappe.get_all(
			"Collaborator Regulation", fields=["name", "version", "effective_from", "effective_to"]
		)
	]
	return current_version(versions, getdate(on or today()))


def adopted_versions(units: list[str] | None = None) -> dict[str, int]:
	"""unit -> the latest version of the regulation the unit has adopted."""
	filters = {} if units is None else {"unit": ["in", units or [""]]}
	versions = dict(frappe.get_all("Collaborator Regulation", fields=["name", "version"], as_list=True))
	adopted: dict[str, int] = {}
	for row in frappe.get_all(
		"Collaborator Regulation Adoption", filters=filters, fields=["unit", "regulation"]
	):
		adopted[row.unit] = max(adopted.get(row.unit, 0), cint(versions.get(row.regulation)))
	return adopted


def regulation_status(unit: str, adopted: dict[str, int], current: Version | None) -> dict:
	version = adopted.get(unit)
	return {
		"adopted": version,
		"current": current and current.version,
		"outdated": is_outdated(version, current),
	}


def units_to_remind(current: Version | None) -> list[str]:
	"""The units that manage active collaborators themselves and apply an older version than the current
	one, or none."""
	if not current:
		return []
	units = frappe.get_all(
		"DLXH Collaborator",
		filters={"status": ACTIVE},
		pluck="managing_unit",
		distinct=True,
		order_by="managing_unit",
	)
	adopted = adopted_versions(units)
	return [unit for unit in units if is_outdated(adopted.get(unit), current)]


def remind_outdated_units() -> None:
	"""Daily (hooks.py): a notification to each officer and leader of a unit whose collaborators work under
	an older regulation than the city's current one, once per user and version."""
	current = read_current_version()
	for unit in units_to_remind(current):
		for user in unit_users(unit):
			if frappe.db.exists(
				"Notification Log",
				{"for_user": user, "document_type": "Collaborator Regulation", "document_name": current.name},
			):
				continue
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": user,
					"type": "Alert",
					"document_type": "Collaborator Regulation",
					"document_name": current.name,
					"subject": _(
						"{0} applies an older collaborator regulation than the city's current version {1}: adopt it and record the adoption.",
						lang=frappe.db.get_value("User", user, "language"),
					).format(unit, current.version),
				}
			).insert(ignore_permissions=True)


def unit_users(unit: str) -> list[str]:
	users = frappe.get_all("User", filters={"dlxh_unit": unit, "enabled": 1}, pluck="name", order_by="name")
	if not users:
		return []
	reminded = set(
		frappe.get_all(
			"Has Role",
			filters={"parenttype": "User", "parent": ["in", users], "role": ["in", REMINDED_ROLES]},
			pluck="parent",
		)
	)
	return [user for user in users if user in reminded]
