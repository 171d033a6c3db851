/** What `mira web` does, loaded only when it runs (its imports are the heavy part of the CLI). */
import { createMiraCore, type MiraCore } from '../../main/core/host/mira-core'
import { defaultDataDir } from '../../main/core/paths'
import { startWebHost, type WebHost } from '../../main/core/web'
import { integerFlag, textFlag } from '../args'
import { cliOverrides } from '../config'
import { ExitCode } from '../exit-codes'
import { complain, stopSignal } from '../io'
import { messageOf } from '../../shared/errors'
import { packageRoot, readVersion } from '../version'
import { hasDisplay, openBrowser } from '../web/browser'
import { buildRenderer, rendererPaths, rendererState, type RendererPaths } from '../web/renderer-build'
import type { ParsedArgs } from '../command'
import type { CliIo } from '../io'
import type { WebOptions } from './web'

export async function runWeb({ values }: ParsedArgs<WebOptions>, io: CliIo): Promise<number> {
  const port = integerFlag('port', values.port, 0, 65_535) ?? 0
  const host = textFlag('host', values.host) ?? '127.0.0.1'
  const dataDir = textFlag('data-dir', values['data-dir']) ?? defaultDataDir(io.env, io.platform, io.home)
  const overrides = cliOverrides(io.env, { server: values.server, token: textFlag('token', values.token) })

  const paths = rendererPaths(packageRoot)
  // The UI is checked (and built when stale) while the core starts: neither waits for the other.
  const uiReady = readyRenderer(paths, io)
  // Handled below, once the core is up; marked handled now so an early failure does not end the process.
  uiReady.catch(() => undefined)
  const signal = stopSignal(io)
  const log = (line: string) => io.stderr.write(`[mira] ${line}\n`)
  let core: MiraCore | undefined
  let web: WebHost | undefined
  try {
    core = await createMiraCore({ dataDir, transport: 'web', overrides, appVersion: readVersion(), log, modelBaseUrl: io.env.MIRA_WHISPER_MODEL_URL })
    const started = core
    await uiReady
    web = await startWebHost({ core, rendererDir: paths.outDir, port, host, cspServerOrigin: () => started.serverOrigin(), log })
  } catch (error) {
    signal.dispose()
    await uiReady.catch(() => undefined)
    await web?.close()
    await core?.close()
    if (error instanceof UiBuildError) {
      complain(io, error.message)
      return ExitCode.failure
    }
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
}

class UiBuildError extends Error {}

/** Resolves once out/renderer is current, building it when missing or older than its sources. */
async function readyRenderer(paths: RendererPaths, io: CliIo): Promise<void> {
  if ((await rendererState(paths)) === 'fresh') return
  io.stderr.write('Building the UI…\n')
  try {
    await buildRenderer(packageRoot)
  } catch (error) {
    throw new UiBuildError(`building the UI failed: ${messageOf(error)}`)
  }
}
