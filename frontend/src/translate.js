// Frappe's `__()`: the message in the session's language from the app's translations (vi.csv), with
// {0}, {1}… replaced by the arguments.
import { boot } from './boot'

export function __(message, args = []) {
  const translated = boot.translations?.[message] || message
  return translated.replace(/\{(\d+)\}/g, (placeholder, index) => args[index] ?? placeholder)
}
