/**
 * The `testConnection` host command: `mira doctor`'s checks against what the settings dialog holds —
 * a typed address and token not saved yet, or the server in use (the built-in one when that is the choice).
 */
import type { HostHandlers } from '../../../shared/host'
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import { normalizeChatUrl, ServerUrlError } from '../../../shared/server-url'
import type { Endpoint } from '../host/server-endpoint'
import { NOT_RUN, fail, pass, stamp } from './check'
import type { CheckTimeouts } from './checks'
import { checksFor } from './protocol-checks'
import { noneRun, type CheckTarget } from './run-checks'
import type { ProtocolCredentials } from '../protocols/types'
import { detectKind, detectionText } from '../protocols/probe'
import type { HostText } from '../../../shared/host/host-text'

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
  /** The agent messages go to (SYMindX). */
  agent?: () => string
  /** Lexicon: the API key saved for the server at `url`, and the user id. */
  savedApiKey?: (url: string) => Promise<string | undefined>
  userId?: () => string
  timeouts?: CheckTimeouts
}

export function createTestConnection(deps: TestConnectionDeps): HostHandlers['testConnection'] {
  const timeouts = deps.timeouts ?? APP_CHECK_TIMEOUTS
  return async (request) => {
    const started = performance.now()
    const target = await chooseTarget(request, deps)
    if ('problem' in target) return { checks: [stamp('url', target.problem, started), ...noneRun(NOT_RUN.address)] }
    const url: ConnectionCheck = stamp('url', pass(target.found ?? target.url), started)
    const checks = checksFor(target.protocol)
    return { checks: [url, ...(await checks({ ...target, ...(deps.agent ? { agent: deps.agent() } : {}) }, timeouts))] }
  }
}

type Request = Parameters<HostHandlers['testConnection']>[0]

/** `found`: what *Auto*'s probe found, said in the url check. */
async function chooseTarget(request: Request, deps: TestConnectionDeps): Promise<(CheckTarget & { found?: HostText }) | { problem: ReturnType<typeof fail> }> {
  if (request.url === undefined) {
    const endpoint = await deps.endpoint()
    if (endpoint.problem) return { problem: fail(endpoint.problem, 'builtin-failed') }
    const builtin = endpoint.kind === 'builtin'
    const source = builtin ? ({ tokenSource: 'the built-in server', tokenSourceCode: 'builtin' } as const) : ({ tokenSource: 'the settings', tokenSourceCode: 'settings' } as const)
    const protocol = endpoint.protocol === undefined ? {} : { protocol: endpoint.protocol }
    const credentials = { ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}), ...(deps.userId ? { userId: deps.userId() } : {}) }
    return { url: endpoint.url, ...source, ...protocol, ...(endpoint.token ? { token: endpoint.token } : {}), credentials }
  }
  let url: string
  try {
    url = normalizeChatUrl(request.url)
  } catch (error) {
    if (error instanceof ServerUrlError) return { problem: fail(error.message, 'url-format') }
    throw error
  }
  const detection = await detectKind(request.kind ?? 'auto', url, { deadlineMs: deps.timeouts?.stepMs ?? APP_CHECK_TIMEOUTS.stepMs })
  const kind = detection.kind
  if (kind === undefined) return { problem: fail(detectionText(detection, url), detection.why === 'unreachable' ? 'check-address' : 'choose-kind') }
  const protocol = { ...(kind === 'dmp' ? {} : { protocol: kind }), ...(detection.how === 'probe' ? { found: detectionText(detection, url) } : {}) }
  // A typed token is tested as typed; `null` means the user is clearing it.
  if (typeof request.token === 'string') {
    const credentials = await typedCredentials(request, url, deps)
    return { url, ...protocol, token: request.token, tokenSource: 'the dialog (not saved yet)', tokenSourceCode: 'dialog', credentials }
  }
  const saved = request.token === null ? undefined : await deps.savedToken(url)
  const credentials = await typedCredentials(request, url, deps)
  return { url, ...protocol, tokenSource: 'the settings', tokenSourceCode: 'settings', ...(saved ? { token: saved } : {}), credentials }
}

/** Lexicon's API key and user id: as typed in the dialog, else the saved ones (a key only when saved for `url`'s server). */
async function typedCredentials(request: Request, url: string, deps: TestConnectionDeps): Promise<ProtocolCredentials> {
  const apiKey = typeof request.apiKey === 'string' ? request.apiKey : request.apiKey === null ? undefined : await deps.savedApiKey?.(url)
  const userId = request.userId ?? deps.userId?.()
  return { ...(apiKey ? { apiKey } : {}), ...(userId ? { userId } : {}) }
}
