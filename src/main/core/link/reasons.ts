/** One clear human line for why the link is not ready, from socket errors and close codes. */
import { CloseCode } from '../../../shared/protocol'

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

/** A socket error (before or after opening) as a reason line. */
export function describeSocketError(host: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code && errnoText[code]) return `Cannot reach ${host} (${errnoText[code]})`
  const http = /Unexpected server response: (\d+)/.exec(error.message)
  if (http) return `${host} answered HTTP ${http[1]} instead of opening the chat stream (is this an agent server?)`
  if (code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(error.message)) return `Secure connection to ${host} failed (${error.message})`
  return `Cannot reach ${host} (${error.message || code || 'unknown error'})`
}

const closeText: Record<number, string> = {
  [CloseCode.normal]: 'normal closure',
  [CloseCode.goingAway]: 'server going away',
  [CloseCode.abnormal]: 'abnormal closure, no close frame',
  [CloseCode.pingTimeout]: 'ping timeout',
  1011: 'server error',
  1012: 'server restarting',
  1013: 'try again later',
}

/** A close without a preceding error, as a reason line. */
export function describeClose(host: string, code: number, reason: string): string {
  const what = closeText[code] ?? 'closed'
  const detail = reason && reason.toLowerCase() !== what ? `: ${reason}` : ''
  if (code === CloseCode.abnormal) return `Connection to ${host} lost (${what})`
  return `${host} closed the connection (${code} ${what}${detail})`
}

export function describeSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
