// The list's query for frappe.desk.reportview.get / get_count, from what the person chose: standard
// filters (the meta's "in standard filter" fields and the workflow state), free text, sort and page.
export const PAGE_LENGTH = 20

export function listFilters(doctype, meta, chosen) {
  const filters = []
  for (const [fieldname, value] of Object.entries(chosen.filters || {})) {
    if (value === '' || value === null || value === undefined) continue
    const field = meta.field(fieldname)
    if (!field) continue
    filters.push([doctype, fieldname, '=', value])
  }
  return filters
}

export function textFilters(doctype, meta, text) {
  const query = (text || '').trim()
  if (!query) return []
  const searchable = ['name', meta.title_field, ...(meta.search_fields || '').split(',')]
    .map((f) => f && f.trim())
    .filter((f, i, all) => f && all.indexOf(f) === i && (f === 'name' || meta.field(f)))
  return searchable.map((fieldname) => [doctype, fieldname, 'like', `%${query}%`])
}

export function listArgs(doctype, meta, chosen) {
  const fields = ['name', meta.title_field, meta.stateField, ...chosen.columns]
    .filter((f, i, all) => f && all.indexOf(f) === i)
    .map((f) => `\`tab${doctype}\`.\`${f}\``)
  return {
    doctype,
    fields: [...fields, `\`tab${doctype}\`.\`modified\``],
    filters: listFilters(doctype, meta, chosen),
    or_filters: textFilters(doctype, meta, chosen.text),
    order_by: `\`tab${doctype}\`.\`${chosen.sortField || 'modified'}\` ${chosen.sortOrder === 'asc' ? 'asc' : 'desc'}`,
    start: (chosen.page || 0) * PAGE_LENGTH,
    page_length: PAGE_LENGTH,
  }
}

/** reportview.get answers {keys, values}; rows as objects. */
export function rowsOf(message) {
  if (!message || !Array.isArray(message.values)) return Array.isArray(message) ? message : []
  return message.values.map((values) => Object.fromEntries(message.keys.map((key, i) => [key, values[i]])))
}
