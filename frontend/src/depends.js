// Frappe's depends_on, mandatory_depends_on and read_only_depends_on: either a fieldname (true when the
// field has a value) or "eval:" and a JavaScript expression over `doc` (and `parent` in a child row), as
// the desk evaluates them. The expressions come from the DocType's meta, written by the app's developers.
const compiled = new Map()

// The value of an "eval:" expression over `doc` and `parent`; undefined when it cannot be evaluated.
export function evaluateExpression(expression, doc, parent = null) {
  let evaluate = compiled.get(expression)
  if (!evaluate) {
    evaluate = new Function('doc', 'parent', `return (${expression.slice(5)})`)
    compiled.set(expression, evaluate)
  }
  try {
    return evaluate(doc, parent || {})
  } catch {
    return undefined
  }
}

export function evaluateDependsOn(expression, doc, parent = null) {
  if (!expression) return true
  if (!expression.startsWith('eval:')) return Boolean(doc[expression])
  return Boolean(evaluateExpression(expression, doc, parent))
}

// A Link field's `link_filters` (DocField JSON, as the desk's Link control reads them): rows of
// [linked DocType, fieldname, operator, value], a value "eval:…" computed from the document being edited.
// Returned in the shape the framework's link search takes ({fieldname: [operator, value]}), or null.
export function linkFilters(field, doc, parent = null) {
  if (!field.link_filters) return null
  let rows
  try {
    rows = typeof field.link_filters === 'string' ? JSON.parse(field.link_filters) : field.link_filters
  } catch {
    return null
  }
  if (!Array.isArray(rows) || !rows.length) return null
  const filters = {}
  for (const [, fieldname, operator, value] of rows) {
    const computed = typeof value === 'string' && value.startsWith('eval:') ? evaluateExpression(value, doc || {}, parent) : value
    filters[fieldname] = [operator, computed ?? null]
  }
  return filters
}
