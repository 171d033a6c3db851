/** The connection checks, in the order a connection needs them. Each one says why it failed and what to try. */
import { connect } from 'node:net'
import { restBaseFromChatUrl } from '../../../shared/server-url'
import type { CheckHint } from '../../../shared/host/connection-test'
import { describeSocketError } from '../link/reasons'
import { RestClient, RestError } from '../rest/rest-client'
import { describeAudio } from './audio-info'
import { messageOf } from '../../../shared/errors'
import { lowerFirst } from '../../../shared/text'
import { fail, pass, skip, type CheckOutcome } from './check'
import type { WsProbe } from './ws-probe'

export interface CheckTimeouts {
  /** Each network step: connect, upgrade, authorize, REST. */
  stepMs: number
  /** How long to wait for the server's own ping before skipping that check. */
  pingMs: number
  /** Synthesis may take a while on a slow engine. */
  ttsMs: number
}

/** Where the server is, for the TCP check. */
function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url)
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'wss:' ? 443 : 80
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port }
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.')

function unreachableHint(url: string): CheckHint {
  return isLoopback(hostAndPort(url).host) ? 'start-server' : 'check-address'
}

const seconds = (ms: number) => `${ms / 1000} s`

export function checkTcp(url: string, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const { host, port } = hostAndPort(url)
  const label = `${host.includes(':') ? `[${host}]` : host}:${port}`
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.setTimeout(timeouts.stepMs, () => {
      socket.destroy()
      resolve(fail(`no answer from ${label} within ${seconds(timeouts.stepMs)}`, unreachableHint(url)))
    })
    socket.once('connect', () => {
      socket.destroy()
      resolve(pass(`connected to ${label}`))
    })
    socket.once('error', (error) => resolve(fail(lowerFirst(describeSocketError(label, error)), unreachableHint(url))))
  })
}

export async function checkUpgrade(probe: WsProbe, url: string, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const opened = await probe.open(url, timeouts.stepMs)
  const path = new URL(url).pathname
  if (opened.status !== undefined) return fail(`HTTP ${opened.status} instead of a WebSocket upgrade at ${path}`, 'check-path')
  if (opened.error) return fail(lowerFirst(describeSocketError(new URL(url).host, opened.error)), unreachableHint(url))
  return pass(`upgraded at ${path}`)
}

export async function checkAuthorize(
  probe: WsProbe,
  token: string | undefined,
  tokenSource: string | undefined,
  timeouts: CheckTimeouts,
): Promise<CheckOutcome> {
  if (!token) return fail('no token to send', 'add-token')
  probe.send({ type: 'authorize', token })
  const answer = await probe.waitFor((f) => f.type === 'authorize_success' || f.type === 'authorize_error', timeouts.stepMs)
  if (answer?.type === 'authorize_success') return pass(`token from ${tokenSource ?? 'the settings'} accepted`)
  if (answer?.type === 'authorize_error') return fail(`the server refused the token: ${answer.error}`, 'check-token')
  if (probe.closed?.code === 4001) return fail(`the server refused the token (close 4001 ${probe.closed.reason})`.trim(), 'check-token')
  if (probe.closed) return fail(`the server closed the connection (${probe.closed.code} ${probe.closed.reason})`.trim())
  return fail(`no answer to authorize within ${seconds(timeouts.stepMs)}`, 'not-agent-server')
}

export async function checkPing(probe: WsProbe, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const started = performance.now()
  const ping = await probe.waitFor((f) => f.type === 'ping', timeouts.pingMs)
  if (!ping) {
    if (probe.closed) return fail(`the server closed the connection (${probe.closed.code} ${probe.closed.reason})`.trim())
    return skip(`server sent no ping within ${seconds(timeouts.pingMs)}`)
  }
  const after = Math.round(performance.now() - started)
  probe.send({ type: 'pong' })
  const rtt = await probe.roundTrip(timeouts.stepMs)
  if (rtt === undefined) return fail(`ping after ${after} ms answered, but the connection then stopped answering`)
  return pass(`ping after ${after} ms answered with pong; round trip ${rtt} ms`)
}

export async function checkRest(url: string, token: string | undefined, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const rest = new RestClient({ restBase: restBaseFromChatUrl(url), timeoutMs: timeouts.stepMs, ...(token ? { token } : {}) })
  try {
    await rest.health()
    return pass(`GET /v1/health answered`)
  } catch (error) {
    // Any HTTP answer proves the REST server is there; only the network failing is a failure.
    if (error instanceof RestError && error.kind === 'http') return pass(`the HTTP server answered GET /v1/health with ${error.status}`)
    return fail(messageOf(error), unreachableHint(url))
  }
}

export async function checkTts(url: string, token: string | undefined, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const rest = new RestClient({ restBase: restBaseFromChatUrl(url), timeoutMs: timeouts.ttsMs, ...(token ? { token } : {}) })
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
    if (error instanceof RestError && (error.status === 401 || error.status === 403)) return fail(message, 'check-token')
    return fail(message, 'server-log')
  }
}
