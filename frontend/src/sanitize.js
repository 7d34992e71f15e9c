// Rich text (Text Editor fields, comments) shown or saved only after DOMPurify has removed scripts,
// event handlers and the like.
import DOMPurify from 'dompurify'

export const sanitizeHtml = (html) => DOMPurify.sanitize(html || '', { USE_PROFILES: { html: true } })

export const htmlToText = (html) => {
  const element = document.createElement('div')
  element.innerHTML = sanitizeHtml(html)
  return element.textContent.replace(/\s+/g, ' ').trim()
}
