/** The status pill's words for the bridge to the host and the link to the agent server. */
import type { LinkStatus } from '../../../shared/host'
import type { TransportStatus } from '../host/types'
import { hostText } from './host-text'
import { key, raw, type LocalText } from './local-text'

export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'idle'

export interface StatusSummary {
  tone: StatusTone
  /** Short, for the pill. With `countdownTo`, the pill adds " in N s". */
  label: LocalText
  /** A longer explanation (tooltip, details). */
  detail?: LocalText
  countdownTo?: number
  /** Whether "Reconnect now" makes sense. */
  canRetry: boolean
}

export function describeStatus(transport: TransportStatus, link: LinkStatus | undefined): StatusSummary {
  switch (transport.state) {
    case 'rejected':
      return { tone: 'error', label: key('chat.status.keyExpired'), detail: key('chat.status.keyExpiredDetail'), canRetry: true }
    case 'connecting':
      return { tone: 'busy', label: key('chat.status.connecting'), canRetry: false }
    case 'reconnecting':
      return { tone: 'warn', label: key('chat.status.reconnecting'), detail: key('chat.status.hostSilent'), countdownTo: transport.nextAttemptAt, canRetry: true }
    case 'open':
      return describeLink(link)
  }
}

function describeLink(link: LinkStatus | undefined): StatusSummary {
  // The link's reason: worded by its code where the host gave one, else the host's own words.
  const detail = link?.reason === undefined ? undefined : hostText({ text: link.reason, textCode: link.reasonCode, params: link.reasonParams })
  switch (link?.state) {
    case undefined:
    case 'connecting':
    case 'authorizing':
      return { tone: 'busy', label: key('chat.status.connecting'), detail, canRetry: false }
    case 'ready':
      return { tone: 'ok', label: key('chat.status.connected'), detail: raw(link.serverUrl), canRetry: false }
    case 'reconnecting':
      return { tone: 'warn', label: key('chat.status.reconnecting'), detail, countdownTo: link.nextAttemptAt, canRetry: true }
    case 'offline':
      return { tone: 'idle', label: key('chat.status.offline'), detail, canRetry: true }
    case 'auth-failed':
      return { tone: 'error', label: key('chat.status.tokenRejected'), detail, canRetry: true }
  }
}

/** Whole seconds until `at`, at least 1 (a countdown that shows "0 s" looks stuck). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000))
}
