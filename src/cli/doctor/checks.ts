/** The doctor's checks, in the order a connection needs them. Each one says why it failed and what to try. */
import { connect } from 'node:net'
import { describeSocketError } from '../../main/core/link/reasons'
import { RestClient, RestError } from '../../main/core/rest/rest-client'
import { restBaseFromChatUrl } from '../../shared/server-url'
import type { CliConfig } from '../config'
import { lowerFirst, messageOf } from '../text'
import { describeAudio } from './audio-info'
import { fail, pass, skip, type CheckOutcome } from './check'
import type { WsProbe } from './ws-probe'

export const STEP_TIMEOUT_MS = 5_000
export const PING_WAIT_MS = 3_000

const TOKEN_HINT = 'Check the token in Settings or pass --token (or set MIRA_TOKEN).'

export function checkConfig(config: CliConfig): CheckOutcome {
  if (config.settingsState === 'invalid' || config.problems.length > 0) {
    return fail(config.problems.join('; '), 'Fix the file, or delete it to go back to the defaults (the app will recreate it).')
  }
  if (config.settingsState === 'missing') return pass(`no settings file at ${config.settingsFile}: defaults in use`)
  return pass(config.settingsFile)
}

/** Where the server is, for the TCP check. */
export function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url)
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'wss:' ? 443 : 80
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port }
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.')

export function unreachableHint(url: string): string {
  return isLoopback(hostAndPort(url).host)
    ? 'Is the server running? Start the built-in one with `npx mira serve`.'
    : 'Is the server running, and is the address right? Check --server or the address in Settings.'
}

export function checkTcp(url: string): Promise<CheckOutcome> {
  const { host, port } = hostAndPort(url)
  const label = `${host.includes(':') ? `[${host}]` : host}:${port}`
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.setTimeout(STEP_TIMEOUT_MS, () => {
      socket.destroy()
      resolve(fail(`no answer from ${label} within ${STEP_TIMEOUT_MS / 1000} s`, unreachableHint(url)))
    })
    socket.once('connect', () => {
      socket.destroy()
      resolve(pass(`connected to ${label}`))
    })
    socket.once('error', (error) => resolve(fail(lowerFirst(describeSocketError(label, error)), unreachableHint(url))))
  })
}

export async function checkUpgrade(probe: WsProbe, url: string): Promise<CheckOutcome> {
  const opened = await probe.open(url, STEP_TIMEOUT_MS)
  const path = new URL(url).pathname
  if (opened.status !== undefined) {
    return fail(`HTTP ${opened.status} instead of a WebSocket upgrade at ${path}`, 'Is this an agent server, and is the path right? The chat stream is at /v1/chat/stream.')
  }
  if (opened.error) return fail(lowerFirst(describeSocketError(new URL(url).host, opened.error)), unreachableHint(url))
  return pass(`upgraded at ${path}`)
}

export async function checkAuthorize(probe: WsProbe, token: string | undefined, tokenSource: string | undefined): Promise<CheckOutcome> {
  if (!token) return fail('no token to send', 'Pass --token, set MIRA_TOKEN, or save the token in Settings (a `mira serve` without --token accepts any).')
  probe.send({ type: 'authorize', token })
  const answer = await probe.waitFor((f) => f.type === 'authorize_success' || f.type === 'authorize_error', STEP_TIMEOUT_MS)
  if (answer?.type === 'authorize_success') return pass(`token from ${tokenSource ?? 'the settings'} accepted`)
  if (answer?.type === 'authorize_error') return fail(`the server refused the token: ${answer.error}`, TOKEN_HINT)
  if (probe.closed?.code === 4001) return fail(`the server refused the token (close 4001 ${probe.closed.reason})`.trim(), TOKEN_HINT)
  if (probe.closed) return fail(`the server closed the connection (${probe.closed.code} ${probe.closed.reason})`.trim())
  return fail(`no answer to authorize within ${STEP_TIMEOUT_MS / 1000} s`, 'Is this an agent server speaking /v1/chat/stream?')
}

export async function checkPing(probe: WsProbe): Promise<CheckOutcome> {
  const started = performance.now()
  const ping = await probe.waitFor((f) => f.type === 'ping', PING_WAIT_MS)
  if (!ping) {
    if (probe.closed) return fail(`the server closed the connection (${probe.closed.code} ${probe.closed.reason})`.trim())
    return skip(`server sent no ping within ${PING_WAIT_MS / 1000} s`)
  }
  const after = Math.round(performance.now() - started)
  probe.send({ type: 'pong' })
  const rtt = await probe.roundTrip(STEP_TIMEOUT_MS)
  if (rtt === undefined) return fail(`ping after ${after} ms answered, but the connection then stopped answering`)
  return pass(`ping after ${after} ms answered with pong; round trip ${rtt} ms`)
}

export async function checkRest(url: string, token: string | undefined): Promise<CheckOutcome> {
  const rest = new RestClient({ restBase: restBaseFromChatUrl(url), timeoutMs: STEP_TIMEOUT_MS, ...(token ? { token } : {}) })
  try {
    await rest.health()
    return pass(`GET /v1/health answered`)
  } catch (error) {
    // Any HTTP answer proves the REST server is there; only the network failing is a failure.
    if (error instanceof RestError && error.kind === 'http') return pass(`the HTTP server answered GET /v1/health with ${error.status}`)
    return fail(messageOf(error), unreachableHint(url))
  }
}

export async function checkTts(url: string, token: string | undefined): Promise<CheckOutcome> {
  const rest = new RestClient({ restBase: restBaseFromChatUrl(url), timeoutMs: 15_000, ...(token ? { token } : {}) })
  try {
    const audio = await rest.synthesize('Hello from Mira.')
    const described = describeAudio(audio.bytes, audio.mimeType)
    if (!described) return fail(`the server sent ${audio.bytes.length} bytes that are not audio Mira can play (${audio.mimeType})`)
    return pass(described)
  } catch (error) {
    if (error instanceof RestError && error.unsupported) {
      return skip(`the server offers no speech synthesis (HTTP ${error.status}): the app speaks with another engine`)
    }
    const message = messageOf(error)
    if (error instanceof RestError && (error.status === 401 || error.status === 403)) return fail(message, TOKEN_HINT)
    return fail(message, "See the server's log for why synthesis failed.")
  }
}
