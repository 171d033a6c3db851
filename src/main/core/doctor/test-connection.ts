/**
 * The `testConnection` host command: `mira doctor`'s checks against what the settings dialog holds —
 * a typed address and token not saved yet, or the server in use (the built-in one when that is the choice).
 */
import type { HostHandlers } from '../../../shared/host'
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import { normalizeChatUrl, ServerUrlError } from '../../../shared/server-url'
import type { Endpoint } from '../host/server-endpoint'
import { fail, pass, stamp } from './check'
import type { CheckTimeouts } from './checks'
import { noneRun, runConnectionChecks, type CheckTarget } from './run-checks'
import { runProtocolChecks } from './protocol-checks'
import { createProtocol, resolveKind } from '../protocols/registry'
import type { ProtocolKind } from '../../../shared/protocol'

/**
 * Shorter than the doctor's: the whole run stays well inside the page's 30 s command timeout
 * even when every step waits to its end.
 */
export const APP_CHECK_TIMEOUTS: CheckTimeouts = { stepMs: 3_000, pingMs: 3_000, ttsMs: 8_000 }

export interface TestConnectionDeps {
  /** The endpoint in use now. */
  endpoint: () => Promise<Endpoint>
  /**
   * The token for the server at `url` (the one given on the command line, else the one saved for that
   * server), which never goes to the page. A token saved for another server is not offered.
   */
  savedToken: (url: string) => Promise<string | undefined>
  timeouts?: CheckTimeouts
}

export function createTestConnection(deps: TestConnectionDeps): HostHandlers['testConnection'] {
  const timeouts = deps.timeouts ?? APP_CHECK_TIMEOUTS
  return async (request) => {
    const started = performance.now()
    const target = await chooseTarget(request, deps)
    if ('problem' in target) return { checks: [stamp('url', target.problem, started), ...noneRun('no usable server address')] }
    const url: ConnectionCheck = stamp('url', pass(target.url), started)
    return { checks: [url, ...(await checksFor(target, timeouts))] }
  }
}

/** `/v1/chat/stream`'s own checks, or another protocol's through its adapter. */
function checksFor(target: Target, timeouts: CheckTimeouts): Promise<ConnectionCheck[]> {
  if (target.protocol === 'dmp') return runConnectionChecks(target, timeouts)
  const protocol = createProtocol(target.protocol)
  if (!protocol) return Promise.resolve(noneRun(`Mira cannot talk to ${target.protocol} servers yet`))
  return runProtocolChecks({ ...target, protocol }, timeouts)
}

type Request = Parameters<HostHandlers['testConnection']>[0]
type Target = CheckTarget & { protocol: ProtocolKind }

async function chooseTarget(request: Request, deps: TestConnectionDeps): Promise<Target | { problem: ReturnType<typeof fail> }> {
  if (request.url === undefined) {
    const endpoint = await deps.endpoint()
    if (endpoint.problem) return { problem: fail(endpoint.problem, 'builtin-failed') }
    const tokenSource = endpoint.kind === 'builtin' ? 'the built-in server' : 'the settings'
    return { url: endpoint.url, tokenSource, protocol: endpoint.protocol ?? 'dmp', ...(endpoint.token ? { token: endpoint.token } : {}) }
  }
  let url: string
  try {
    url = normalizeChatUrl(request.url)
  } catch (error) {
    if (error instanceof ServerUrlError) return { problem: fail(error.message, 'url-format') }
    throw error
  }
  // An address whose kind only a probe could tell is checked as Mira's own, as before kinds existed.
  const protocol = resolveKind(request.kind ?? 'auto', url) ?? 'dmp'
  // A typed token is tested as typed; `null` means the user is clearing it.
  if (typeof request.token === 'string') return { url, protocol, token: request.token, tokenSource: 'the dialog (not saved yet)' }
  const saved = request.token === null ? undefined : await deps.savedToken(url)
  return { url, protocol, tokenSource: 'the settings', ...(saved ? { token: saved } : {}) }
}
