/**
 * The connection checks for a server of another protocol (General Bots), run through its adapter
 * (protocols/types.ts) on one real link: tcp, websocket (the socket opens at the adapter's address), authorize (the adapter's handshake ends ready, or the credentials are
 * refused), ping (the adapter's keep-alive answered, or the server's own ping answered). Such
 * servers have no Mira REST API and no voice: rest and tts are skipped, saying so.
 */
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import { hostText, type HostText } from '../../../shared/host/host-text'
import type { LinkStatus } from '../../../shared/host/link-status'
import { ChatLink } from '../link/chat-link'
import { createProtocol, type AnyProtocol } from '../protocols/registry'
import type { LinkControl } from '../protocols/types'
import { NOT_RUN, fail, notInProtocol, notRun, pass, skip, stamp, timed, type CheckOutcome } from './check'
import { checkTcp, type CheckTimeouts } from './checks'
import type { CheckTarget } from './run-checks'

const seconds = (ms: number) => `${ms / 1000} s`

export async function runAdapterChecks(target: CheckTarget, timeouts: CheckTimeouts): Promise<ConnectionCheck[]> {
  // A fresh adapter: the checks' link owns it.
  const credentials = { ...target.credentials, ...(target.token ? { token: target.token } : {}) }
  const protocol = createProtocol(target.protocol ?? 'dmp', credentials)
  const address = protocol.target(target.url, credentials).url
  const tcp = await timed('tcp', () => checkTcp(address, timeouts))
  // Such servers have no Mira REST API or voice: the app speaks with its own.
  const noApi = (id: 'rest' | 'tts') => notRun(id, notInProtocol(protocol.kind))
  if (tcp.status === 'fail') return [tcp, notRun('websocket', NOT_RUN.tcp), notRun('authorize', NOT_RUN.tcp), notRun('ping', NOT_RUN.tcp), noApi('rest'), noApi('tts')]

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
      return [tcp, websocket, notRun('authorize', NOT_RUN.webSocket), notRun('ping', NOT_RUN.webSocket), noApi('rest'), noApi('tts')]
    }
    const websocket: ConnectionCheck = { id: 'websocket', ...pass(hostText(`upgraded at ${path}`, 'checkUpgraded', { path })), ms: Math.round(openedAt - started) }
    const authorize = stamp('authorize', authorizeOutcome(status, target), openedAt)
    const ping = authorize.status === 'fail' ? notRun('ping', NOT_RUN.authorize) : await timed('ping', () => watched.ping(link, timeouts))
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

function authorizeOutcome(status: LinkStatus, { tokenSource, tokenSourceCode, credentials }: CheckTarget): CheckOutcome {
  if (status.state === 'ready' && credentials?.apiKey) return pass(hostText('API key and user id accepted', 'checkApiKeyAccepted'))
  if (status.state === 'ready') {
    const text = `token from ${tokenSource ?? 'the settings'} accepted`
    return pass(tokenSourceCode ? hostText(text, 'checkTokenAccepted', { source: tokenSourceCode }) : text)
  }
  if (status.state === 'auth-failed') return fail(reasonOf(status), status.reasonCode === 'linkNoToken' || status.reasonCode === 'linkNoApiKey' ? 'add-token' : 'check-token')
  return fail(reasonOf(status))
}

/** The link's reason, with its text code so the app words it in the reader's language. */
const reasonOf = ({ reason, reasonCode, reasonParams, state }: LinkStatus): HostText => ({
  text: reason ?? state,
  ...(reasonCode ? { textCode: reasonCode } : {}),
  ...(reasonParams ? { params: reasonParams } : {}),
})

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
        const waited = { seconds: (heartbeat ? timeouts.stepMs : timeouts.pingMs) / 1000 }
        resolve(
          heartbeat
            ? fail(hostText(`no answer to ping within ${seconds(timeouts.stepMs)}`, 'checkNoPingAnswer', waited))
            : skip(hostText(`server sent no ping within ${seconds(timeouts.pingMs)}`, 'checkNoPing', waited)),
        )
      }, heartbeat ? timeouts.stepMs : timeouts.pingMs)
      this.onAlive = (kind) => {
        clearTimeout(timer)
        this.onAlive = undefined
        const ms = Math.round(performance.now() - started)
        resolve(
          pass(
            kind === 'consumed'
              ? hostText(`ping answered with pong in ${ms} ms`, 'checkPingAnswered', { ms })
              : hostText(`server ping after ${ms} ms answered with pong`, 'checkServerPingAnswered', { after: ms }),
          ),
        )
      }
      if (heartbeat) link.send(heartbeat.frame())
    })
  }
}
