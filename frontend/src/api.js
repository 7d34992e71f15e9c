// The same REST API as Frappe's desk, with the session cookie and the CSRF token. Errors come back as
// ApiError with the server's messages (already in the user's language); a 403 gets the app's own
// sentence, which names nothing the user may not see; an expired session sends the person to the login
// form and back.
import { boot } from './boot'
import { htmlToText } from './sanitize'
import { __ } from './translate'

export class ApiError extends Error {
  constructor(message, { status = 0, excType = '', messages = [], network = false } = {}) {
    super(message)
    Object.assign(this, { status, excType, messages, network })
  }
}

// One sentence for every refusal: it names nothing the user may not see.
export const notPermitted = () =>
  __('You cannot open or change this document: it belongs to another unit, or your role does not allow it.')

const listeners = { sessionExpired: [] }
export const onSessionExpired = (listener) => listeners.sessionExpired.push(listener)

function serverMessages(data) {
  // `_server_messages` is a JSON list of JSON objects {message, title, indicator}
  let messages = []
  try {
    messages = JSON.parse(data._server_messages || '[]').map((item) => {
      const parsed = typeof item === 'string' ? JSON.parse(item) : item
      return typeof parsed === 'string' ? { message: parsed } : parsed
    })
  } catch {
    messages = []
  }
  return messages
    .map(({ message, title }) => ({
      message: htmlToText(message),
      title: htmlToText(title || ''),
      // a message of several lines (a refused import's rows) keeps them apart
      lines: String(message || '').split(/<br\s*\/?>/i).map(htmlToText).filter(Boolean),
    }))
    .filter(({ message }) => message)
}

async function sessionStillValid() {
  try {
    const response = await fetch('/api/method/frappe.auth.get_logged_user', {
      headers: { Accept: 'application/json' },
    })
    return response.ok
  } catch {
    return true
  }
}

async function errorFrom(response, data) {
  const excType = data.exc_type || ''
  const messages = serverMessages(data)
  const wasLoggedIn = boot.user !== 'Guest'
  if (wasLoggedIn && [401, 403, 400].includes(response.status) && !(await sessionStillValid())) {
    listeners.sessionExpired.forEach((listener) => listener())
    return new ApiError(__('Your session has ended. Please log in again.'), {
      status: 401,
      excType: 'SessionExpired',
    })
  }
  if (response.status === 403 || excType === 'PermissionError') {
    return new ApiError(notPermitted(), { status: 403, excType, messages: [] })
  }
  const text = messages.map((item) => item.message).join('\n') || data.message || data.exception
  return new ApiError(text || __('The server could not do this ({0}).', [response.status]), {
    status: response.status,
    excType,
    messages,
  })
}

export async function send(url, options) {
  let response
  try {
    response = await fetch(url, options)
  } catch {
    throw new ApiError(__('The server cannot be reached. Nothing you typed is lost: try again.'), {
      network: true,
    })
  }
  const data = await response.json().catch(() => ({}))
  if (!response.ok) throw await errorFrom(response, data)
  return data
}

/** POST /api/method/<method>; the whole response (`message`, `docs`, `docinfo`…). */
export function post(method, args = {}) {
  return send(`/api/method/${method}`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Frappe-CSRF-Token': boot.csrf_token,
    },
    body: JSON.stringify(args),
  })
}

/** GET /api/method/<method>?args; the whole response. */
export function get(method, args = {}) {
  const query = new URLSearchParams(
    Object.entries(args)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : String(value)]),
  )
  return send(`/api/method/${method}?${query}`, { headers: { Accept: 'application/json' } })
}
