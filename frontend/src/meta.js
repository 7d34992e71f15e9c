// DocType meta as the desk gets it (frappe.desk.form.load.getdoctype): fields, child tables, and the
// active workflow with the style of each state. Everything the lists and forms show is derived from it.
import { get } from './api'
import { boot } from './boot'

const cache = new Map()

export const LAYOUT_TYPES = ['Section Break', 'Column Break', 'Tab Break']
export const TABLE_TYPES = ['Table', 'Table MultiSelect']
const NO_VALUE_TYPES = [...LAYOUT_TYPES, 'HTML', 'Button', 'Heading', 'Image', 'Fold']

export function slugOf(doctype) {
  return doctype.toLowerCase().replace(/ /g, '-')
}

/** The readable DocType a route's slug names ('' for one the user may not read). */
export const doctypeOfSlug = (slug) => boot.doctypes.find((d) => slugOf(d.name) === slug)?.name || ''

/** Where a DocType opens: its list, or the one record of a single. */
export const routeOf = (doctype) => (doctype.issingle ? `/${slugOf(doctype.name)}/${slugOf(doctype.name)}` : `/${slugOf(doctype.name)}`)

export function withValue(field) {
  return !NO_VALUE_TYPES.includes(field.fieldtype)
}

function describe(docs, doctype) {
  const byName = Object.fromEntries(docs.filter((d) => d.doctype === 'DocType').map((d) => [d.name, d]))
  const meta = byName[doctype]
  const workflowDocs = meta.__workflow_docs || []
  const workflow = workflowDocs.find((d) => d.doctype === 'Workflow') || null
  const stateStyles = Object.fromEntries(
    workflowDocs.filter((d) => d.doctype === 'Workflow State').map((d) => [d.name, d.style || '']),
  )
  return {
    ...meta,
    fields: meta.fields,
    children: byName,
    workflow,
    stateField: workflow?.workflow_state_field || null,
    stateStyles,
    field: (fieldname) => meta.fields.find((f) => f.fieldname === fieldname),
  }
}

export async function getMeta(doctype) {
  if (!cache.has(doctype)) {
    const promise = get('frappe.desk.form.load.getdoctype', { doctype }).then(({ docs }) =>
      describe(docs, doctype),
    )
    cache.set(doctype, promise)
    promise.catch(() => cache.delete(doctype))
  }
  return cache.get(doctype)
}

export function forgetMeta() {
  cache.clear()
}

/** The fields a list shows: the title (or name), then those marked "in list view". */
export function listFields(meta) {
  const fields = meta.fields.filter((f) => f.in_list_view && withValue(f) && !TABLE_TYPES.includes(f.fieldtype))
  return fields.filter((f) => f.fieldname !== meta.title_field)
}

/** Tabs → sections → columns → fields, as the desk lays a form out. */
export function formLayout(fields) {
  const tabs = []
  let tab, section, column
  const newTab = (field) => {
    tab = { label: field?.label || '', fieldname: field?.fieldname || 'details', sections: [] }
    tabs.push(tab)
    newSection()
  }
  const newSection = (field) => {
    section = { label: field?.label || '', fieldname: field?.fieldname, field, columns: [] }
    tab.sections.push(section)
    newColumn()
  }
  const newColumn = () => {
    column = []
    section.columns.push(column)
  }
  newTab()
  for (const field of fields) {
    if (field.fieldtype === 'Tab Break') newTab(field)
    else if (field.fieldtype === 'Section Break') newSection(field)
    else if (field.fieldtype === 'Column Break') newColumn()
    else if (!field.hidden) column.push(field)
  }
  for (const t of tabs) {
    for (const s of t.sections) s.columns = s.columns.filter((c) => c.length)
    t.sections = t.sections.filter((s) => s.columns.length)
  }
  return tabs.filter((t) => t.sections.length)
}

const BADGE_THEMES = {
  Success: 'green',
  Primary: 'blue',
  Info: 'blue',
  Warning: 'orange',
  Danger: 'red',
  Inverse: 'gray',
}

export function stateTheme(meta, state) {
  return BADGE_THEMES[meta.stateStyles?.[state]] || 'gray'
}
