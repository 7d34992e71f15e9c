"""How the app's controllers refuse bad input: a translated message naming the field, under a title
that names it too, raised before anything is written."""

import frappe
from frappe import _


def field_label(doc, fieldname: str) -> str:
	"""The field's label in the user's language (works for child rows too)."""
	return _(doc.meta.get_label(fieldname))


def throw_invalid(label: str, message: str, exc: type[Exception] = frappe.ValidationError) -> None:
	frappe.throw(message, exc, title=_("Invalid {0}").format(label))
