// The document's history from the desk's docinfo: versions (what changed), comments, workflow actions
// and other logs, newest first. Whatever the server returns is shown; it decides what the user may see.
import { displayValue } from './format'
import { htmlToText } from './sanitize'
import { __ } from './translate'

function versionText(version, meta) {
  let data = {}
  try {
    data = JSON.parse(version.data || '{}')
  } catch {
    return ''
  }
  const label = (fieldname) => __(meta?.field(fieldname)?.label || fieldname)
  const shown = (field, value) => (field.fieldtype === 'Text Editor' ? htmlToText(value) : displayValue(value, field))
  // Only the form's own fields: docstatus and other internals are told by the workflow's entries.
  const parts = (data.changed || [])
    .filter(([fieldname]) => meta?.field(fieldname) && !meta.field(fieldname).hidden)
    .map(([fieldname, from, to]) => {
      const field = meta.field(fieldname)
      return __('{0}: {1} → {2}', [label(fieldname), shown(field, from), shown(field, to)])
    })
  for (const [table, rows] of [['added', data.added], ['removed', data.removed]]) {
    if (rows?.length) parts.push(__(table === 'added' ? 'Rows added to {0}' : 'Rows removed from {0}', [label(rows[0][0])]))
  }
  if (data.row_changed?.length) parts.push(__('Rows changed in {0}', [label(data.row_changed[0][0])]))
  return parts.join('; ')
}

const KINDS = { workflow_logs: 'workflow', info_logs: 'info', attachment_logs: 'attachment', assignment_logs: 'assignment' }

export function timelineOf(docinfo, meta) {
  if (!docinfo) return []
  const items = []
  for (const version of docinfo.versions || []) {
    const text = versionText(version, meta)
    if (text) items.push({ key: `v-${version.name}`, kind: 'version', owner: version.owner, creation: version.creation, text })
  }
  for (const comment of docinfo.comments || []) {
    items.push({ key: `c-${comment.name}`, kind: 'comment', owner: comment.owner, creation: comment.creation, text: htmlToText(comment.content) })
  }
  for (const [key, kind] of Object.entries(KINDS)) {
    for (const log of docinfo[key] || []) {
      const text = kind === 'workflow' ? __(htmlToText(log.content)) : htmlToText(log.content)
      items.push({ key: `${kind}-${log.name}`, kind, owner: log.owner, creation: log.creation, text })
    }
  }
  return items.sort((a, b) => String(b.creation).localeCompare(String(a.creation)))
}
