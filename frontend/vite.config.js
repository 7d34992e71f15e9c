// The web app at /dlxh, laid out as frappe/crm's frontend: built into the app's public folder (served as
// /assets/dlxh_app/frontend/) with its index.html written to dlxh_app/www/dlxh.html, the page Frappe serves
// with the session's boot data. `npm run dev` serves it on :8080 against `make run` on :8000.
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const backend = process.env.DLXH_BACKEND || 'http://127.0.0.1:8000'
const outDir = path.resolve(import.meta.dirname, '../dlxh_app/public/frontend')
const page = path.resolve(import.meta.dirname, '../dlxh_app/www/dlxh.html')

// The page Frappe renders with Jinja: the boot data goes in before the app's script runs.
const bootScript =
  '<script>window.dlxh_boot = {{ boot | tojson }}; window.csrf_token = window.dlxh_boot.csrf_token;</script>'

function frappePage() {
  return {
    name: 'dlxh-frappe-page',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<!-- boot -->', bootScript),
    closeBundle: () => copyFileSync(path.join(outDir, 'index.html'), page),
  }
}

export default defineConfig(({ command }) => ({
  plugins: [vue(), frappePage()],
  // Built files are served by Frappe from the app's public folder; the dev server serves from its root.
  base: command === 'build' ? '/assets/dlxh_app/frontend/' : '/',
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: {
    port: 8080,
    proxy: Object.fromEntries(
      ['/api', '/assets', '/files', '/printview'].map((prefix) => [prefix, { target: backend }]),
    ),
  },
  test: { environment: 'jsdom', include: ['src/**/*.test.js'], setupFiles: ['src/testSetup.js'] },
}))
