/** `mira web`: the app in a browser tab, served by the core on a loopback port. */
import { createMiraCore, type MiraCore } from '../../main/core/host/mira-core'
import { defaultDataDir } from '../../main/core/paths'
import { startWebHost, type WebHost } from '../../main/core/web'
import { integerFlag, textFlag } from '../args'
import { defineCommand } from '../command'
import { cliOverrides } from '../config'
import { ExitCode } from '../exit-codes'
import { complain, stopSignal } from '../io'
import { messageOf } from '../../shared/errors'
import { packageRoot, readVersion } from '../version'
import { hasDisplay, openBrowser } from '../web/browser'
import { buildRenderer, rendererPaths, rendererState } from '../web/renderer-build'

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

export const webCommand = defineCommand({
  name: 'web',
  summary: 'run the app in the browser',
  synopsis,
  help,
  options,
  allowPositionals: false,
  async run({ values }, io) {
    const port = integerFlag('port', values.port, 0, 65_535) ?? 0
    const host = textFlag('host', values.host) ?? '127.0.0.1'
    const dataDir = textFlag('data-dir', values['data-dir']) ?? defaultDataDir(io.env, io.platform, io.home)
    const overrides = cliOverrides(io.env, { server: values.server, token: textFlag('token', values.token) })

    const paths = rendererPaths(packageRoot)
    const state = await rendererState(paths)
    if (state !== 'fresh') {
      io.stderr.write('Building the UI…\n')
      try {
        await buildRenderer(packageRoot)
      } catch (error) {
        complain(io, `building the UI failed: ${messageOf(error)}`)
        return ExitCode.failure
      }
    }

    const signal = stopSignal(io)
    const log = (line: string) => io.stderr.write(`[mira] ${line}\n`)
    let core: MiraCore | undefined
    let web: WebHost | undefined
    try {
      core = await createMiraCore({ dataDir, transport: 'web', overrides, appVersion: readVersion(), log })
      const started = core
      web = await startWebHost({ core, rendererDir: paths.outDir, port, host, cspServerOrigin: () => started.serverOrigin(), log })
    } catch (error) {
      signal.dispose()
      await web?.close()
      await core?.close()
      complain(io, `cannot start: ${messageOf(error)}`)
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') io.stderr.write('hint: choose another port with --port (0 picks a free one)\n')
      return ExitCode.failure
    }
    io.stdout.write(`Mira is running at ${web.url}\n`)
    if (!values['no-open']) {
      const problem = hasDisplay(io.env, io.platform) ? await openBrowser(web.url, io.platform) : 'no display to open a browser on'
      if (problem) io.stderr.write(`(${problem}: open the address above yourself)\n`)
    }
    const received = await signal.received
    signal.dispose()
    io.stderr.write(`${received}: stopping…\n`)
    await web.close()
    await core.close()
    return ExitCode.ok
  },
})
