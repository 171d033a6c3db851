/** `mira web`: the app in a browser tab, served by the core on a loopback port. */
import { defineCommand } from '../command'

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
  'no-open': { type: 'boolean' },
} as const

const synopsis = 'mira web [--port N] [--host H] [--server URL] [--token T] [--data-dir DIR] [--no-open]'

const help = `Run Mira in the browser: the same app as the desktop window, served on a loopback port.

Usage: ${synopsis}

Options:
  --port N         port of the page (default 0: a free one)
  --host H         address to serve on (default 127.0.0.1)
  --server URL     use this agent server instead of the one in Settings (not saved)
  --token T        its token (not saved)
  --data-dir DIR   settings, secrets and outbox (default: MIRA_DATA_DIR or the platform's config folder)
  --no-open        do not open the browser
  -h, --help       show this help

Builds the UI first when out/renderer is missing or older than its sources. Prints
"Mira is running at http://HOST:N/?key=…" (the key lets only that page in); Ctrl-C stops it.
`

export type WebOptions = typeof options

export const webCommand = defineCommand({
  name: 'web',
  summary: 'run the app in the browser',
  synopsis,
  help,
  options,
  allowPositionals: false,
  // Loaded only when the command runs: `mira --help` and the others need none of its imports.
  run: async (parsed, io) => (await import('./web-run')).runWeb(parsed, io),
})
