"""How the app's controllers refuse bad input: a translated message naming the field, under a title
that names it too, raised before anything is written. A message names only what the user may read."""

import frappe
from frappe import _


def field_label(doc, fieldname: str) -> str:
	"""The field's label in the user's language (works for child rows too)."""
	return _(doc.meta.get_label(fieldname))


def throw_invalid(label: str, message: str, exc: type[Exception] = frappe.ValidationError) -> None:
	frappe.throw(message, exc, title=_("Invalid {0}").format(label))


def refuse_unreadable_link(doc, fieldname: str) -> None:
	"""Refuse a link (of a document or a child row) to a document the user may not read, in words that
	name neither that document nor its unit: a validation message must not tell a user what they may not
	see. Links are checked for existence only by the framework, not for permission."""
	name = doc.get(fieldname)
	doctype = doc.meta.get_field(fieldname).options
	if not name or frappe.has_permission(doctype, "read", name):
		return
	label = field_label(doc, fieldname)
	if doc.get("parentfield"):
		message = _("{0} in row {1}: a document of another unit cannot be used here.").format(label, doc.idx)
	else:
		message = _("{0}: a document of another unit cannot be used here.").format(label)
	throw_invalid(label, message)
