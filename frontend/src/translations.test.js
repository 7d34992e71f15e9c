// Every message the web app shows has its Vietnamese line in the app's translations.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

const src = import.meta.dirname
const csv = readFileSync(path.join(src, '../../dlxh_app/translations/vi.csv'), 'utf8')
const translated = new Set(csv.split('\n').map((line) => line.match(/^"((?:[^"]|"")*)"/)?.[1].replace(/""/g, '"')))

function sources(folder) {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name)
    if (statSync(file).isDirectory()) return sources(file)
    return /\.(vue|js)$/.test(name) && !/(^test|\.test\.js$)/.test(name) ? [file] : []
  })
}

test('vi.csv translates every literal message of the web app', () => {
  const messages = new Set()
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/__\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(match[1].replace(/\\'/g, "'"))
    for (const match of text.matchAll(/(?:label|done): '([^']+)'/g)) messages.add(match[1])
  }
  const missing = [...messages].filter((message) => !translated.has(message))
  expect(missing).toEqual([])
})
