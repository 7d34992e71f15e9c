// Frappe's upload endpoint (/api/method/upload_file), as the desk's uploader uses it: the file is
// attached to the document (and to a field of it, for Attach fields).
import { send } from './api'
import { boot } from './boot'

export async function uploadFile(file, { doctype, docname, fieldname, isPrivate = true } = {}) {
  const form = new FormData()
  form.append('file', file, file.name)
  form.append('is_private', isPrivate ? '1' : '0')
  if (doctype && docname) {
    form.append('doctype', doctype)
    form.append('docname', docname)
    if (fieldname) form.append('fieldname', fieldname)
  }
  const { message } = await send('/api/method/upload_file', {
    method: 'POST',
    headers: { Accept: 'application/json', 'X-Frappe-CSRF-Token': boot.csrf_token },
    body: form,
  })
  return message
}
