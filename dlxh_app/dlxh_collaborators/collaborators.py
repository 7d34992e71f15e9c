"""What other modules ask of the collaborator network."""

import frappe
from frappe import _

from dlxh_app.dlxh_collaborators.rules.collaborator import ACTIVE
from dlxh_app.permissions import reachable_units
from dlxh_app.validation import field_label, throw_invalid


def refuse_login_beyond_reach(doc, fieldname: str = "user") -> None:
	"""A login named on a record (a collaborator's, an officer taking part in a training) is of a unit
	within the user's reach, or of no unit yet. (Users do not read the User DocType itself.)"""
	user = doc.get(fieldname)
	unit = user and frappe.db.get_value("User", user, "dlxh_unit")
	if unit and not reachable_units([unit]):
		label = field_label(doc, fieldname)
		throw_invalid(label, _("{0}: a login of another unit cannot be used here.").format(label))


def set_entry_collaborator(doc, fieldname: str = "collaborator") -> None:
	"""An opinion recorded by a collaborator's login names that collaborator (the field is server-owned:
	never taken from the client). Set when the record is made; a suspended or ended collaborator records
	no more."""
	if not doc.is_new():
		return
	collaborator = frappe.db.get_value(
		"DLXH Collaborator", {"user": frappe.session.user}, ["name", "status"], as_dict=True
	)
	doc.set(fieldname, collaborator.name if collaborator else None)
	if not collaborator:
		return
	if collaborator.status != ACTIVE:
		label = field_label(doc, fieldname)
		throw_invalid(
			label,
			_("{0}: your appointment as a collaborator is {1}, so you can no longer record opinions.").format(
				label, _(collaborator.status).lower()
			),
		)
	if not doc.get("source"):
		doc.source = "Collaborator"
