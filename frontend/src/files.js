// Frappe's upload endpoint (/api/method/upload_file), as the desk's uploader uses it: the file is
// attached to the document (and to a field of it, for Attach fields).
import { ApiError } from './api'
import { boot } from './boot'
import { __ } from './translate'

export async function uploadFile(file, { doctype, docname, fieldname, isPrivate = true } = {}) {
  const form = new FormData()
  form.append('file', file, file.name)
  form.append('is_private', isPrivate ? '1' : '0')
  if (doctype && docname) {
    form.append('doctype', doctype)
    form.append('docname', docname)
    if (fieldname) form.append('fieldname', fieldname)
  }
  let response
  try {
    response = await fetch('/api/method/upload_file', {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-Frappe-CSRF-Token': boot.csrf_token },
      body: form,
    })
  } catch {
    throw new ApiError(__('The server cannot be reached. Nothing you typed is lost: try again.'), { network: true })
  }
  const data = await response.json().catch(() => ({}))
  if (!response.ok) throw new ApiError(__('The file could not be uploaded.'), { status: response.status })
  return data.message
}
