/**
 * One clear human line for why the link is not ready, from socket errors and close codes. Each
 * comes with a text code and params (see shared/host/host-text.ts), so the UI can word it in the
 * reader's language; the English line is what logs and the CLI show.
 */
import { hostText, type HostText } from '../../../shared/host/host-text'
import { CloseCode } from '../../../shared/protocol'

/** A reason line with its code: `LinkStatus.reason`, `reasonCode`, `reasonParams`. */
export type Reason = HostText & { textCode: string }

/** `host:port` of a chat URL, for messages (the whole URL when it does not parse). */
export function hostLabel(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

const errnoText: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection broken',
  ECONNABORTED: 'connection aborted',
}

/** A socket error (before or after opening) as a reason. `cause` is the errno code when known, else the error's words. */
export function socketErrorReason(host: string, error: Pick<NodeJS.ErrnoException, 'message' | 'code'>): Reason {
  const code = error.code
  if (code && errnoText[code]) return hostText(`Cannot reach ${host} (${errnoText[code]})`, 'linkUnreachable', { host, cause: code })
  const http = /Unexpected server response: (\d+)/.exec(error.message)
  if (http?.[1]) {
    const text = `${host} answered HTTP ${http[1]} instead of opening the chat stream (is this an agent server?)`
    return hostText(text, 'linkNotAgentServer', { host, status: Number(http[1]) })
  }
  if (code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(error.message)) {
    return hostText(`Secure connection to ${host} failed (${error.message})`, 'linkTlsFailed', { host, error: error.message })
  }
  const cause = error.message || code || 'unknown error'
  return hostText(`Cannot reach ${host} (${cause})`, 'linkUnreachable', { host, cause })
}

/** Close codes with a name; `close` in the params is the name's id (the UI words it), or `closed`. */
const closeNames: Record<number, [id: string, text: string]> = {
  [CloseCode.normal]: ['normal', 'normal closure'],
  [CloseCode.goingAway]: ['goingAway', 'server going away'],
  [CloseCode.abnormal]: ['abnormal', 'abnormal closure, no close frame'],
  [CloseCode.pingTimeout]: ['pingTimeout', 'ping timeout'],
  1011: ['serverError', 'server error'],
  1012: ['restarting', 'server restarting'],
  1013: ['tryLater', 'try again later'],
}

/** A close without a preceding error, as a reason; `error` is the socket error that came with an abnormal close. */
export function closeReason(host: string, code: number, reason: string, error?: Error): Reason {
  const [close, what] = closeNames[code] ?? ['closed', 'closed']
  if (code === CloseCode.abnormal) {
    const text = `Connection to ${host} lost (${what})`
    return error ? hostText(`${text}: ${error.message}`, 'linkLostError', { host, error: error.message }) : hostText(text, 'linkLost', { host })
  }
  const detail = reason && reason.toLowerCase() !== what ? reason : ''
  const text = `${host} closed the connection (${code} ${what}${detail ? `: ${detail}` : ''})`
  if (!detail) return hostText(text, 'linkClosed', { host, code, close })
  return hostText(text, 'linkClosedReason', { host, code, close, reason: detail })
}

/** The server closed with a code that means "credentials refused" (DMP: 4001). */
export function refusedByCloseReason(code: number, reason: string): Reason {
  return reason
    ? hostText(`The server refused the token (close ${code}: ${reason})`, 'linkTokenClosedReason', { reason })
    : hostText(`The server refused the token (close ${code})`, 'linkTokenClosed')
}

/** No frame (not even a ping) for `silentFor` ms: the peer is presumed dead. */
export function silenceReason(host: string, silentFor: number): Reason {
  const text = `No data from ${host} for ${describeSeconds(silentFor)}: connection presumed dead`
  return hostText(text, 'linkSilent', { host, seconds: secondsParam(silentFor) })
}

/** No answer within `ms` to the socket's opening (`connect`) or to the authorize frame. */
export function timeoutReason(host: string, step: 'connect' | 'authorize', ms: number): Reason {
  const params = { host, seconds: secondsParam(ms) }
  return step === 'connect'
    ? hostText(`Cannot reach ${host} (no answer within ${describeSeconds(ms)})`, 'linkConnectTimeout', params)
    : hostText(`${host} did not answer authorize within ${describeSeconds(ms)}`, 'linkAuthorizeTimeout', params)
}

export function describeSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

/** Seconds as a number for params (`0.1`, `75`), matching `describeSeconds`. */
export const secondsParam = (ms: number): number => (ms % 1000 === 0 ? ms / 1000 : Number((ms / 1000).toFixed(1)))
