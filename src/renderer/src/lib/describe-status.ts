/** The status pill's words for the bridge to the host and the link to the agent server. */
import type { LinkStatus } from '../../../shared/host'
import type { TransportStatus } from '../host/types'

export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'idle'

export interface StatusSummary {
  tone: StatusTone
  /** Short, for the pill. With `countdownTo`, the pill adds " in N s". */
  label: string
  /** A longer explanation (tooltip, details). */
  detail?: string
  countdownTo?: number
  /** Whether "Reconnect now" makes sense. */
  canRetry: boolean
}

export function describeStatus(transport: TransportStatus, link: LinkStatus | undefined): StatusSummary {
  switch (transport.state) {
    case 'no-key':
      return { tone: 'error', label: 'No access key', detail: 'Open the address that “mira web” printed.', canRetry: false }
    case 'rejected':
      return { tone: 'error', label: 'Access key expired', detail: 'Mira was restarted: open the new address that “mira web” printed.', canRetry: true }
    case 'connecting':
      return { tone: 'busy', label: 'Connecting…', canRetry: false }
    case 'reconnecting':
      return { tone: 'warn', label: 'Reconnecting', detail: 'Mira’s host is not answering.', countdownTo: transport.nextAttemptAt, canRetry: true }
    case 'open':
      return describeLink(link)
  }
}

function describeLink(link: LinkStatus | undefined): StatusSummary {
  const detail = link?.reason
  switch (link?.state) {
    case undefined:
    case 'connecting':
    case 'authorizing':
      return { tone: 'busy', label: 'Connecting…', detail, canRetry: false }
    case 'ready':
      return { tone: 'ok', label: 'Connected', detail: link.serverUrl, canRetry: false }
    case 'reconnecting':
      return { tone: 'warn', label: 'Reconnecting', detail, countdownTo: link.nextAttemptAt, canRetry: true }
    case 'offline':
      return { tone: 'idle', label: 'Offline', detail, canRetry: true }
    case 'auth-failed':
      return { tone: 'error', label: 'Token rejected — check Settings', detail, canRetry: true }
  }
}

/** Whole seconds until `at`, at least 1 (a countdown that shows "0 s" looks stuck). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000))
}
