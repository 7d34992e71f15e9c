"""Checks shared by the app's tree DocTypes (nested sets), run in `validate` so that a bad move is
refused with a message naming the field before anything is written."""

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSetRecursionError, get_descendants_of

from dlxh_app.validation import field_label, throw_invalid


def validate_tree_node(doc) -> None:
	"""The parent exists, is a group, and is neither the node itself nor one of its descendants; a node
	that has children stays a group."""
	parent_field = doc.nsm_parent_field
	parent_label = field_label(doc, parent_field)
	parent = doc.get(parent_field)

	if parent:
		if parent == doc.name or parent in descendants_of(doc):
			throw_invalid(
				parent_label,
				_("{0}: {1} cannot be placed under itself or under an item below it ({2}).").format(
					parent_label, frappe.bold(doc.name), frappe.bold(parent)
				),
				NestedSetRecursionError,
			)
		if not frappe.db.get_value(doc.doctype, parent, "is_group"):
			throw_invalid(
				parent_label,
				_("{0}: {1} is not a group. Tick {2} on it before placing anything under it.").format(
					parent_label, frappe.bold(parent), field_label(doc, "is_group")
				),
			)

	if not doc.is_group and not doc.is_new() and frappe.db.exists(doc.doctype, {parent_field: doc.name}):
		throw_invalid(
			field_label(doc, "is_group"),
			_("{0} must stay ticked: {1} has items below it. Move them elsewhere first.").format(
				field_label(doc, "is_group"), frappe.bold(doc.name)
			),
		)


def descendants_of(doc) -> list[str]:
	"""Names below the node as stored (a new node has none)."""
	return [] if doc.is_new() else get_descendants_of(doc.doctype, doc.name, ignore_permissions=True)
