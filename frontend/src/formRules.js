// What a form shows and allows, from the meta and the document: visibility and requirement by
// depends_on expressions, read-only after submit or in a workflow state the user may not edit, and
// the server's validation messages placed beside the field they name.
import { evaluateDependsOn } from './depends'
import { TABLE_TYPES, withValue } from './meta'
import { __ } from './translate'

export const isVisible = (field, doc, parent) => !field.hidden && evaluateDependsOn(field.depends_on, doc, parent)

export const isRequired = (field, doc, parent) =>
  Boolean(field.reqd) || (Boolean(field.mandatory_depends_on) && evaluateDependsOn(field.mandatory_depends_on, doc, parent))

export function isReadOnly(field, doc, editable) {
  if (field.read_only) return true
  if (field.read_only_depends_on && evaluateDependsOn(field.read_only_depends_on, doc)) return true
  if (doc.docstatus === 1) return !field.allow_on_submit
  return doc.docstatus === 2 || !editable
}

/** The permission levels whose fields the user may read and write, from the DocType's permission rows
 * and the user's roles. Level 0 is the document's own permission, which the server reports with it. */
export function permittedLevels(meta, roles) {
  const levels = { read: new Set([0]), write: new Set([0]) }
  for (const row of meta.permissions || []) {
    if (!row.permlevel || !roles.includes(row.role)) continue
    if (row.read || row.write) levels.read.add(row.permlevel)
    if (row.write) levels.write.add(row.permlevel)
  }
  return levels
}

/** May the user edit in the document's workflow state (the state's "allow edit" role)? */
export function workflowAllowsEdit(meta, doc, roles) {
  if (!meta.workflow) return true
  // One row per state and role that may edit in it.
  const rows = meta.workflow.states.filter((s) => s.state === doc[meta.stateField])
  return !rows.length || rows.some((row) => roles.includes(row.allow_edit))
}

const isEmpty = (value) => value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)

/** Required fields left empty, by fieldname. */
export function missingValues(meta, doc) {
  const errors = {}
  for (const field of meta.fields) {
    if (!withValue(field) || !isVisible(field, doc) || !isRequired(field, doc)) continue
    if (field.fieldtype === 'Check') continue
    if (isEmpty(doc[field.fieldname])) errors[field.fieldname] = __('{0} is required', [__(field.label)])
  }
  return errors
}

/** Server messages placed on the field they name: the app's errors are titled "Invalid <label>" and
 * start with "<label>:"; Frappe's own (a missing value, say) name the label somewhere in the text, and
 * the longest label found wins. Messages that name no field stay general. */
export function placeMessages(meta, messages) {
  const fields = [...meta.fields, ...Object.values(meta.children || {}).filter((c) => c.name !== meta.name).flatMap((c) => c.fields)]
  const labelled = fields.filter((f) => f.label && withValue(f)).map((f) => ({ field: f, label: __(f.label) }))
  labelled.sort((a, b) => b.label.length - a.label.length)
  const byField = {}
  const general = []
  for (const { title = '', message } of messages) {
    const match =
      labelled.find(({ label }) => title === __('Invalid {0}', [label]) || message.startsWith(`${label}:`)) ||
      labelled.find(({ label }) => message.includes(label))
    if (!match) {
      general.push(message)
      continue
    }
    const parentTable = meta.fields.find((f) => TABLE_TYPES.includes(f.fieldtype) && f.options === match.field.parent)
    const key = match.field.parent === meta.name || !parentTable ? match.field.fieldname : parentTable.fieldname
    byField[key] = byField[key] ? `${byField[key]} ${message}` : message
  }
  return { byField, general }
}
