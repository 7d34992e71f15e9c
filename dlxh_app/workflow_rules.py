"""What the app's approval workflows share: a state that changes only by a transition the workflow allows
the user, however the document is saved; content frozen while a document waits for approval; and a
return for revision that needs a reason and leaves it on record.

Each controller passes its own messages (translated literals), so that the user reads "plan" or
"report" rather than a generic word."""

from functools import cache

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.model.workflow import (
	WorkflowPermissionError,
	apply_workflow,
	get_workflow,
	get_workflow_name,
	has_approval_access,
	is_transition_condition_satisfied,
)

from dlxh_app.validation import field_label, throw_invalid

APP = "dlxh_app"


def guard_workflow_state(doc, method=None):
	"""doc_events hook (validate, before_update_after_submit, before_cancel) for every DocType of the app
	with a workflow: a save that changes the workflow state or the docstatus is held to the workflow as
	`apply_workflow` is. Frappe itself checks a plain save (REST PUT, `frappe.client.set_value`,
	`bulk_update`, a controller) only for a transition the user's roles allow, not for self-approval, and
	not at all for an insert that is submitted at once or a cancel."""
	if doc.meta.istable or doc.meta.module not in app_modules() or not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	state_field = workflow.workflow_state_field
	state = doc.get(state_field)
	before = doc.get_doc_before_save()
	if before is None:
		first = workflow.states[0]
		if doc.docstatus != 0 or state not in (None, "", first.state):
			frappe.throw(
				_("A new {0} starts as {1}; it moves on only through the workflow's actions.").format(
					_(doc.doctype), frappe.bold(_(first.state))
				),
				WorkflowPermissionError,
			)
		return
	previous = before.get(state_field)
	if state == previous and doc.docstatus == before.docstatus:
		return
	if state == previous and doc.docstatus == 2 and not cancelling_states(workflow):
		# A workflow without a cancelled state leaves cancelling to the cancel permission, as Frappe does.
		return
	user = frappe.session.user
	roles = set(frappe.get_roles(user))
	transitions = [
		transition
		for transition in workflow.transitions
		if transition.state == previous
		and transition.next_state == state
		and transition.allowed in roles
		and docstatus_of(workflow, state) == doc.docstatus
		and is_transition_condition_satisfied(transition, before)
	]
	if not transitions:
		frappe.throw(
			_(
				"{0} cannot go from {1} to {2} this way: use one of the workflow's actions you may take."
			).format(doc.name, frappe.bold(_(previous)), frappe.bold(_(state))),
			WorkflowPermissionError,
		)
	if not any(has_approval_access(user, before, transition) for transition in transitions):
		frappe.throw(
			_("You made {0}, so you may not {1} it yourself: another person with that role must.").format(
				doc.name, frappe.bold(_(transitions[0].action))
			),
			WorkflowPermissionError,
		)


@cache
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list(APP))


def docstatus_of(workflow, state: str) -> int | None:
	return next((int(row.doc_status or 0) for row in workflow.states if row.state == state), None)


def cancelling_states(workflow) -> list[str]:
	return [row.state for row in workflow.states if int(row.doc_status or 0) == 2]


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
	"""Return the document with the reason in one step (the desk's Return action needs it written first).
	The reason is written only with the transition: if the user may not take it, neither is kept."""
	frappe.db.savepoint("return_with_reason")
	try:
		doc.db_set("return_reason", (reason or "").strip())
		return apply_workflow(doc, action)
	except Exception:
		frappe.db.rollback(save_point="return_with_reason")
		raise


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
