"""What the app's approval workflows share: content frozen while a document waits for approval, and a
return for revision that needs a reason and leaves it on record.

Each controller passes its own messages (translated literals), so that the user reads "plan" or
"report" rather than a generic word."""

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.model.workflow import apply_workflow

from dlxh_app.validation import field_label, throw_invalid


def validate_frozen_content(doc, frozen_states, editable_fields, message: str):
	"""While the document stays in one of `frozen_states`, its content is what the approver saw: only
	`editable_fields` may change. `message` gets the field's label and the state."""
	before = doc.get_doc_before_save()
	if not before or before.workflow_state not in frozen_states:
		return
	if doc.workflow_state != before.workflow_state:
		return
	changed = [
		field.fieldname
		for field in doc.meta.fields
		if field.fieldtype not in no_value_fields or field.fieldtype in table_fields
		if field.fieldname not in editable_fields
		if content(doc, field) != content(before, field)
	]
	if changed:
		label = field_label(doc, changed[0])
		throw_invalid(label, message.format(label, _(doc.workflow_state)))


def validate_return_reason(doc, returned_state: str, message: str):
	"""A document returned for revision must say why; `message` gets the reason's label."""
	doc.return_reason = (doc.return_reason or "").strip()
	if (
		doc.workflow_state == returned_state
		and doc.has_value_changed("workflow_state")
		and not doc.return_reason
	):
		label = field_label(doc, "return_reason")
		throw_invalid(label, message.format(label))


def forget_return_reason(doc, resent_state: str):
	"""Clear the last reason when the document is sent for approval again: it stays in the timeline, and
	the next return must give its own."""
	if doc.workflow_state == resent_state and doc.has_value_changed("workflow_state"):
		doc.return_reason = ""


def comment_on_return(doc, returned_state: str):
	"""Keep each reason in the document's timeline, as the field holds only the last one."""
	if doc.workflow_state == returned_state and doc.has_value_changed("workflow_state"):
		doc.add_comment("Comment", _("Returned for revision: {0}").format(doc.return_reason))


def return_with_reason(doc, reason: str, action: str = "Return"):
	"""Return the document with the reason in one step (the desk's Return action needs it written first)."""
	doc.db_set("return_reason", (reason or "").strip())
	return apply_workflow(doc, action)


def content(doc, field):
	"""A field's value for comparison: child rows as their field values, empty values alike."""
	value = doc.get(field.fieldname)
	if field.fieldtype in table_fields:
		child_fields = [
			child.fieldname
			for child in frappe.get_meta(field.options).fields
			if child.fieldtype not in no_value_fields
		]
		return [{name: row.get(name) or None for name in child_fields} for row in value]
	return value or None
