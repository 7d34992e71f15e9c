// Document methods the desk offers as buttons (each DocType's .js in the app), for the web app's forms:
// the method is whitelisted on the controller and checks permissions itself.
const editableReport = (doc) => ['Draft', 'Returned'].includes(doc.workflow_state)

export const DOCTYPE_ACTIONS = {
  'Opinion Report': [{ label: 'Pull Opinion Entries', method: 'pull_entries', when: editableReport, done: '{0} opinions added' }],
  'Opinion Synthesis': [{ label: 'Build Draft', method: 'build_draft', when: editableReport }],
}

export const actionsFor = (doctype, doc) => (DOCTYPE_ACTIONS[doctype] || []).filter((action) => action.when(doc))
