"""Checks shared by the app's tree DocTypes (nested sets), run in `validate` so that a bad move is
refused with a message naming the field before anything is written."""

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSetRecursionError


def validate_tree_node(doc) -> None:
	"""The parent exists, is a group, and is neither the node itself nor one of its descendants; a node
	that has children stays a group."""
	parent_field = doc.nsm_parent_field
	parent_label = _(doc.meta.get_label(parent_field))
	parent = doc.get(parent_field)

	if parent:
		if parent == doc.name or parent in get_descendants(doc):
			frappe.throw(
				_("{0}: {1} cannot be placed under itself or under an item below it ({2}).").format(
					parent_label, frappe.bold(doc.name), frappe.bold(parent)
				),
				NestedSetRecursionError,
				title=_("Invalid {0}").format(parent_label),
			)
		if not frappe.db.get_value(doc.doctype, parent, "is_group"):
			frappe.throw(
				_("{0}: {1} is not a group. Tick {2} on it before placing anything under it.").format(
					parent_label, frappe.bold(parent), _(doc.meta.get_label("is_group"))
				),
				title=_("Invalid {0}").format(parent_label),
			)

	if not doc.is_group and not doc.is_new() and frappe.db.exists(doc.doctype, {parent_field: doc.name}):
		frappe.throw(
			_("{0} must stay ticked: {1} has items below it. Move them elsewhere first.").format(
				_(doc.meta.get_label("is_group")), frappe.bold(doc.name)
			),
			title=_("Invalid {0}").format(_(doc.meta.get_label("is_group"))),
		)


def get_descendants(doc) -> list[str]:
	"""Names below the node, read from its stored position (a new node has none)."""
	if doc.is_new():
		return []
	lft, rgt = frappe.db.get_value(doc.doctype, doc.name, ["lft", "rgt"]) or (None, None)
	if not lft or not rgt:
		return []
	return frappe.get_all(
		doc.doctype, filters={"lft": (">", lft), "rgt": ("<", rgt)}, pluck="name", order_by="lft asc"
	)
