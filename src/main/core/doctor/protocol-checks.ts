/**
 * The connection checks for a server that speaks another protocol than `/v1/chat/stream`, run
 * through its adapter (protocols/types.ts) on one real link: tcp, websocket (the socket opens at
 * the adapter's address), authorize (the adapter's handshake ends ready, or the credentials are
 * refused), ping (the adapter's keep-alive answered, or the server's own ping answered). Such
 * servers have no Mira REST API and no voice: rest and tts are skipped, saying so.
 */
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import type { LinkStatus } from '../../../shared/host/link-status'
import { ChatLink } from '../link/chat-link'
import type { AnyProtocol } from '../protocols/registry'
import type { LinkControl, ProtocolCredentials } from '../protocols/types'
import { fail, notRun, pass, skip, stamp, timed, type CheckOutcome } from './check'
import { checkTcp, type CheckTimeouts } from './checks'

export interface ProtocolCheckTarget {
  url: string
  token?: string
  tokenSource?: string
  /** A fresh adapter: the checks' link owns it. */
  protocol: AnyProtocol
  credentials?: ProtocolCredentials
}

const seconds = (ms: number) => `${ms / 1000} s`

export async function runProtocolChecks(target: ProtocolCheckTarget, timeouts: CheckTimeouts): Promise<ConnectionCheck[]> {
  const { protocol } = target
  const address = protocol.target(target.url, { ...target.credentials, ...(target.token ? { token: target.token } : {}) }).url
  const tcp = await timed('tcp', () => checkTcp(address, timeouts))
  const noApi = (id: 'rest' | 'tts') => notRun(id, `${protocol.kind} servers have no Mira REST API or voice: the app speaks with its own`)
  if (tcp.status === 'fail') return [tcp, notRun('websocket', 'no TCP connection'), notRun('authorize', 'no TCP connection'), notRun('ping', 'no TCP connection'), noApi('rest'), noApi('tts')]

  const watched = new WatchedProtocol(protocol)
  const link = new ChatLink({
    url: target.url,
    getToken: () => target.token,
    getCredentials: () => target.credentials ?? {},
    protocol: watched.protocol,
    autoReconnect: false,
    connectTimeoutMs: timeouts.stepMs,
    authorizeTimeoutMs: timeouts.stepMs,
  })
  try {
    const started = performance.now()
    const path = new URL(address).pathname
    const settled = settle(link)
    link.start()
    const { status, opened, openedAt } = await settled
    if (!opened) {
      // No hint: the doctor's hints name /v1/chat/stream, and the link's reason says what happened.
      const websocket = stamp('websocket', fail(reasonOf(status)), started)
      return [tcp, websocket, notRun('authorize', 'no WebSocket'), notRun('ping', 'no WebSocket'), noApi('rest'), noApi('tts')]
    }
    const websocket: ConnectionCheck = { id: 'websocket', status: 'pass', detail: `upgraded at ${path}`, ms: Math.round(openedAt - started) }
    const authorize = stamp('authorize', authorizeOutcome(status, target.tokenSource), openedAt)
    const ping = authorize.status === 'fail' ? notRun('ping', 'not authorized') : await timed('ping', () => watched.ping(link, timeouts))
    return [tcp, websocket, authorize, ping, noApi('rest'), noApi('tts')]
  } finally {
    await link.stop()
  }
}

/** The link's first state past the handshake (ready, auth-failed or offline), and whether its socket opened. */
function settle(link: ChatLink<unknown, unknown>): Promise<{ status: LinkStatus; opened: boolean; openedAt: number }> {
  return new Promise((resolve) => {
    let openedAt: number | undefined
    const off = link.on('status', (status) => {
      if (status.state === 'authorizing') openedAt ??= performance.now()
      if (status.state !== 'ready' && status.state !== 'auth-failed' && status.state !== 'offline') return
      // Ready or refused means the socket opened; refused before it opened is a missing credential, seen once it did.
      const opened = openedAt !== undefined || status.state !== 'offline'
      off()
      resolve({ status, opened, openedAt: openedAt ?? performance.now() })
    })
  })
}

function authorizeOutcome(status: LinkStatus, tokenSource: string | undefined): CheckOutcome {
  if (status.state === 'ready') return pass(`token from ${tokenSource ?? 'the settings'} accepted`)
  if (status.state === 'auth-failed') return fail(reasonOf(status), status.reasonCode === 'linkNoToken' ? 'add-token' : 'check-token')
  return fail(reasonOf(status))
}

const reasonOf = (status: LinkStatus): string => status.reason ?? status.state

/** The adapter as the link sees it, reporting the keep-alive frames its `control` takes. */
class WatchedProtocol {
  readonly protocol: AnyProtocol
  private onAlive: ((kind: 'consumed' | 'reply') => void) | undefined

  constructor(private readonly inner: AnyProtocol) {
    const control = (frame: unknown): LinkControl<unknown> => {
      const result = inner.control(frame)
      if (result.kind === 'consumed' || result.kind === 'reply') this.onAlive?.(result.kind)
      return result
    }
    // The doctor sends the keep-alive itself, when it chooses: not a frame only the link may send here.
    this.protocol = { ...inner, control, isLinkFrame: () => false }
  }

  /** Sends the adapter's keep-alive and waits for its answer, or for the server's own ping. */
  ping(link: ChatLink<unknown, unknown>, timeouts: CheckTimeouts): Promise<CheckOutcome> {
    const heartbeat = this.inner.heartbeat
    return new Promise((resolve) => {
      const started = performance.now()
      const timer = setTimeout(() => {
        this.onAlive = undefined
        resolve(heartbeat ? fail(`no answer to ping within ${seconds(timeouts.pingMs)}`) : skip(`server sent no ping within ${seconds(timeouts.pingMs)}`))
      }, heartbeat ? timeouts.stepMs : timeouts.pingMs)
      this.onAlive = (kind) => {
        clearTimeout(timer)
        this.onAlive = undefined
        const ms = Math.round(performance.now() - started)
        resolve(pass(kind === 'consumed' ? `ping answered with pong in ${ms} ms` : `server ping after ${ms} ms answered with pong`))
      }
      if (heartbeat) link.send(heartbeat.frame())
    })
  }
}
