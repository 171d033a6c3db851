/** The connection checks, in the order a connection needs them. Each one says why it failed and what to try. */
import { connect } from 'node:net'
import { restBaseFromChatUrl } from '../../../shared/server-url'
import type { CheckHint } from '../../../shared/host/connection-test'
import { hostText, type HostText } from '../../../shared/host/host-text'
import { socketErrorReason } from '../link/reasons'
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

/** A socket error as a detail, with the link's own text code (linkUnreachable, …). */
function socketDetail(host: string, error: Error): HostText {
  const reason = socketErrorReason(host, error)
  return { ...reason, text: lowerFirst(reason.text) }
}

/** The server closed the probe's connection. */
const closedDetail = (closed: { code: number; reason: string }): HostText =>
  hostText(`the server closed the connection (${closed.code} ${closed.reason})`.trim(), 'checkClosed', { code: closed.code, reason: closed.reason })

export function checkTcp(url: string, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const { host, port } = hostAndPort(url)
  const label = `${host.includes(':') ? `[${host}]` : host}:${port}`
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.setTimeout(timeouts.stepMs, () => {
      socket.destroy()
      resolve(fail(hostText(`no answer from ${label} within ${seconds(timeouts.stepMs)}`, 'checkNoAnswer', { host: label, seconds: timeouts.stepMs / 1000 }), unreachableHint(url)))
    })
    socket.once('connect', () => {
      socket.destroy()
      resolve(pass(hostText(`connected to ${label}`, 'checkConnected', { host: label })))
    })
    socket.once('error', (error) => resolve(fail(socketDetail(label, error), unreachableHint(url))))
  })
}

export async function checkUpgrade(probe: WsProbe, url: string, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const opened = await probe.open(url, timeouts.stepMs)
  const path = new URL(url).pathname
  if (opened.status !== undefined) return fail(hostText(`HTTP ${opened.status} instead of a WebSocket upgrade at ${path}`, 'checkNotUpgraded', { status: opened.status, path }), 'check-path')
  if (opened.error) return fail(socketDetail(new URL(url).host, opened.error), unreachableHint(url))
  return pass(hostText(`upgraded at ${path}`, 'checkUpgraded', { path }))
}

export async function checkAuthorize(
  probe: WsProbe,
  token: string | undefined,
  source: { text?: string | undefined; code?: 'builtin' | 'dialog' | 'settings' | undefined },
  timeouts: CheckTimeouts,
): Promise<CheckOutcome> {
  if (!token) return fail(hostText('no token to send', 'checkNoToken'), 'add-token')
  probe.send({ type: 'authorize', token })
  const answer = await probe.waitFor((f) => f.type === 'authorize_success' || f.type === 'authorize_error', timeouts.stepMs)
  if (answer?.type === 'authorize_success') {
    const text = `token from ${source.text ?? 'the settings'} accepted`
    return pass(source.code ? hostText(text, 'checkTokenAccepted', { source: source.code }) : text)
  }
  if (answer?.type === 'authorize_error') return fail(hostText(`the server refused the token: ${answer.error}`, 'checkTokenRefused', { error: answer.error }), 'check-token')
  if (probe.closed?.code === 4001) {
    const { reason } = probe.closed
    return fail(hostText(`the server refused the token (close 4001 ${reason})`.trim(), 'checkTokenRefusedClose', { reason }), 'check-token')
  }
  if (probe.closed) return fail(closedDetail(probe.closed))
  return fail(hostText(`no answer to authorize within ${seconds(timeouts.stepMs)}`, 'checkNoAuthorizeAnswer', { seconds: timeouts.stepMs / 1000 }), 'not-agent-server')
}

export async function checkPing(probe: WsProbe, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const started = performance.now()
  const ping = await probe.waitFor((f) => f.type === 'ping', timeouts.pingMs)
  if (!ping) {
    if (probe.closed) return fail(closedDetail(probe.closed))
    return skip(hostText(`server sent no ping within ${seconds(timeouts.pingMs)}`, 'checkNoPing', { seconds: timeouts.pingMs / 1000 }))
  }
  const after = Math.round(performance.now() - started)
  probe.send({ type: 'pong' })
  const rtt = await probe.roundTrip(timeouts.stepMs)
  if (rtt === undefined) return fail(hostText(`ping after ${after} ms answered, but the connection then stopped answering`, 'checkPingLost', { after }))
  return pass(hostText(`ping after ${after} ms answered with pong; round trip ${rtt} ms`, 'checkPing', { after, rtt }))
}

export async function checkRest(url: string, token: string | undefined, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const rest = new RestClient({ restBase: restBaseFromChatUrl(url), timeoutMs: timeouts.stepMs, ...(token ? { token } : {}) })
  try {
    await rest.health()
    return pass(hostText('GET /v1/health answered', 'checkHealth'))
  } catch (error) {
    // Any HTTP answer proves the REST server is there; only the network failing is a failure.
    if (error instanceof RestError && error.kind === 'http') return pass(hostText(`the HTTP server answered GET /v1/health with ${error.status}`, 'checkHealthStatus', { status: error.status ?? 0 }))
    return fail(messageOf(error), unreachableHint(url))
  }
}

export async function checkTts(url: string, token: string | undefined, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const rest = new RestClient({ restBase: restBaseFromChatUrl(url), timeoutMs: timeouts.ttsMs, ...(token ? { token } : {}) })
  try {
    const audio = await rest.synthesize('Hello from Mira.')
    const described = describeAudio(audio.bytes, audio.mimeType)
    if (!described) return fail(hostText(`the server sent ${audio.bytes.length} bytes that are not audio Mira can play (${audio.mimeType})`, 'checkNotAudio', { bytes: audio.bytes.length, type: audio.mimeType }))
    return pass(described)
  } catch (error) {
    if (error instanceof RestError && error.unsupported) {
      return skip(hostText(`the server offers no speech synthesis (HTTP ${error.status}): the app speaks with another engine`, 'checkNoTts', { status: error.status ?? 0 }))
    }
    const message = messageOf(error)
    if (error instanceof RestError && (error.status === 401 || error.status === 403)) return fail(message, 'check-token')
    return fail(message, 'server-log')
  }
}
