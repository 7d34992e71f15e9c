"""Rules shared by the records a unit keeps about its work under a plan (adjustment requests,
coordination records)."""

import frappe
from frappe import _
from frappe.utils import getdate, today
from frappe.utils.nestedset import get_ancestors_of

from dlxh_app.permissions import get_user_unit
from dlxh_app.validation import field_label, refuse_unreadable_link, throw_invalid


def set_user_unit(doc, fieldname: str = "unit"):
	"""Left empty, the record belongs to the user's unit; a unit chosen by the user was already checked
	against the user's reach by the permission hook."""
	if not doc.get(fieldname):
		doc.set(fieldname, get_user_unit())


def validate_not_in_future(doc, fieldname: str):
	value = doc.get(fieldname)
	if value and getdate(value) > getdate(today()):
		label = field_label(doc, fieldname)
		throw_invalid(label, _("{0} cannot be in the future.").format(label))


def validate_plan_of_unit(doc, plan_field: str = "plan", unit_field: str = "unit"):
	"""The plan must be one the unit works under and can read: its own, or one issued by a unit above it
	(drafts of the units above are not addressed to it yet)."""
	plan, unit = doc.get(plan_field), doc.get(unit_field)
	if not (plan and unit):
		return
	refuse_unreadable_link(doc, plan_field)
	issuing_unit, docstatus = frappe.db.get_value("DLXH Plan", plan, ["issuing_unit", "docstatus"])
	label = field_label(doc, plan_field)
	if docstatus == 2:
		throw_invalid(label, _("{0}: plan {1} has been cancelled.").format(label, plan))
	if issuing_unit == unit:
		return
	if issuing_unit not in get_ancestors_of("DLXH Unit", unit):
		throw_invalid(
			label,
			_("{0}: {1} is a plan of {2}, which is neither {3} nor a unit above it.").format(
				label, plan, frappe.bold(issuing_unit), frappe.bold(unit)
			),
		)
	if docstatus != 1:
		throw_invalid(
			label,
			_("{0}: {1} of {2} has not been issued yet, so it is not addressed to {3}.").format(
				label, plan, frappe.bold(issuing_unit), frappe.bold(unit)
			),
		)
