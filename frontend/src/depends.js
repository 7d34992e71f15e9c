// Frappe's depends_on, mandatory_depends_on and read_only_depends_on: either a fieldname (true when the
// field has a value) or "eval:" and a JavaScript expression over `doc` (and `parent` in a child row), as
// the desk evaluates them. The expressions come from the DocType's meta, written by the app's developers.
const compiled = new Map()

export function evaluateDependsOn(expression, doc, parent = null) {
  if (!expression) return true
  if (!expression.startsWith('eval:')) return Boolean(doc[expression])
  let test = compiled.get(expression)
  if (!test) {
    test = new Function('doc', 'parent', `return (${expression.slice(5)})`)
    compiled.set(expression, test)
  }
  try {
    return Boolean(test(doc, parent || {}))
  } catch {
    return false
  }
}
