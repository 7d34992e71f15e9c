// The collaborator's opinion being written, kept in the browser until the server has it: a failed send
// (a slow or lost connection) loses nothing, and is tried again.
const KEY = 'dlxh-entry-draft'

export const emptyDraft = (today) => ({ topic: '', content: '', area: '', trend: '', level_of_interest: '', entry_date: today })

const storageKey = (user) => `${KEY}:${user}`

export function loadDraft(user, today, storage = globalThis.localStorage) {
  try {
    const saved = JSON.parse(storage?.getItem(storageKey(user)) || 'null')
    return saved ? { ...emptyDraft(today), ...saved } : emptyDraft(today)
  } catch {
    return emptyDraft(today)
  }
}

export function saveDraft(user, draft, storage = globalThis.localStorage) {
  storage?.setItem(storageKey(user), JSON.stringify(draft))
}

export function clearDraft(user, storage = globalThis.localStorage) {
  storage?.removeItem(storageKey(user))
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The Opinion Entry the draft describes: what was heard as paragraphs of plain text. */
export function entryDoc(draft) {
  const paragraphs = draft.content
    .split(/\n\s*\n|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
  const doc = { doctype: 'Opinion Entry', topic: draft.topic, content: paragraphs.join(''), entry_date: draft.entry_date, source: 'Collaborator' }
  for (const field of ['area', 'trend', 'level_of_interest']) if (draft[field]) doc[field] = draft[field].trim()
  return doc
}

/** What is missing before the draft can be sent (field names). */
export const missingFields = (draft) => ['topic', 'content'].filter((field) => !String(draft[field] || '').trim())
