/**
 * The status pill's words for the bridge to the host and the link to the agent server, and, when
 * something needs the user, the problem in one plain sentence with the actions that fix it.
 */
import type { LinkStatus } from '../../../shared/host'
import type { TransportStatus } from '../host/types'
import { hostText } from './host-text'
import { key, raw, type LocalText } from './local-text'

export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'idle'

/** `test`: run Test connection; `settings`: open Settings; `token`: open Settings at the token field. */
export type StatusAction = 'test' | 'settings' | 'token'

export interface StatusProblem {
  text: LocalText
  actions: StatusAction[]
}

export interface StatusSummary {
  tone: StatusTone
  /** Short, for the pill. With `countdownTo`, the pill adds " in N s". */
  label: LocalText
  /** The pill's longer explanation (its tooltip and description). */
  detail?: LocalText
  countdownTo?: number
  /** Whether "Reconnect now" makes sense. */
  canRetry: boolean
  /** Something the user can act on: shown in full beside the pill, never only in its tooltip. */
  problem?: StatusProblem
}

/**
 * `tokenFromSettings`: the link uses the server (and token) saved in Settings, so Settings can fix
 * a token problem; false when the server and token were given at start (--server/--token, MIRA_*).
 */
export function describeStatus(transport: TransportStatus, link: LinkStatus | undefined, tokenFromSettings = true): StatusSummary {
  switch (transport.state) {
    case 'rejected':
      return problem('error', key('chat.status.keyExpired'), { text: key('chat.status.keyExpiredDetail'), actions: [] }, true)
    case 'connecting':
      return { tone: 'busy', label: key('chat.status.connecting'), canRetry: false }
    case 'reconnecting':
      return { tone: 'warn', label: key('chat.status.reconnecting'), detail: key('chat.status.hostSilent'), countdownTo: transport.nextAttemptAt, canRetry: true }
    case 'open':
      return describeLink(link, tokenFromSettings)
  }
}

/** Refusals of a server that wants an API key and user id instead of a token. */
const API_KEY_REFUSALS = new Set(['linkNoApiKey', 'linkNoUserId', 'lexiconAuthError', 'lexiconChatNotFound'])

/** No server answered at all: a stopped server, a wrong address or port, a network that is down. */
const UNREACHABLE = new Set(['linkUnreachable', 'linkConnectTimeout'])

function problem(tone: StatusTone, label: LocalText, found: StatusProblem, canRetry: boolean): StatusSummary {
  return { tone, label, detail: found.text, canRetry, problem: found }
}

function describeLink(link: LinkStatus | undefined, tokenFromSettings: boolean): StatusSummary {
  // The link's reason: worded by its code where the host gave one, else the host's own words.
  const reason = link?.reason === undefined ? undefined : hostText({ text: link.reason, textCode: link.reasonCode, params: link.reasonParams })
  switch (link?.state) {
    case undefined:
    case 'connecting':
    case 'authorizing':
      return { tone: 'busy', label: key('chat.status.connecting'), detail: reason, canRetry: false }
    case 'ready':
      return { tone: 'ok', label: key('chat.status.connected'), detail: raw(link.serverUrl), canRetry: false }
    case 'reconnecting': {
      const found = reason && whyNotReached(link, reason)
      const summary: StatusSummary = { tone: 'warn', label: key('chat.status.reconnecting'), countdownTo: link.nextAttemptAt, canRetry: true }
      return found ? { ...summary, detail: found.text, problem: found } : summary
    }
    case 'offline': {
      const found = reason && whyNotReached(link, reason)
      return found ? problem('idle', key('chat.status.offline'), found, true) : { tone: 'idle', label: key('chat.status.offline'), detail: reason, canRetry: true }
    }
    case 'auth-failed': {
      // Retrying would send the same token again: only Settings can fix it.
      const host = hostOf(link.serverUrl)
      // An API key server (Lexicon): the host's words carry the server's own fix.
      if (link.reasonCode && API_KEY_REFUSALS.has(link.reasonCode) && link.reason) {
        const said = hostText({ text: link.reason, textCode: link.reasonCode, params: link.reasonParams })
        return problem('error', key('problem.apiKeyLabel'), { text: said, actions: ['token'] }, false)
      }
      if (link.reasonCode === 'linkNoToken') return problem('error', key('problem.tokenNeeded'), { text: key('problem.noToken', { host }), actions: ['token'] }, false)
      const said = link.reasonCode === 'linkTokenRefused' ? link.reasonParams?.error : link.reasonParams?.reason
      const reason = typeof said === 'string' && said ? said : undefined
      // A token given at start is not in Settings: there, only a new start fixes it.
      const text = tokenFromSettings
        ? key(reason ? 'problem.tokenRefusedBecause' : 'problem.tokenRefused', { host, ...(reason ? { reason } : {}) })
        : key(reason ? 'problem.tokenRefusedGivenBecause' : 'problem.tokenRefusedGiven', { host, ...(reason ? { reason } : {}) })
      return problem('error', key('problem.tokenRefusedLabel'), { text, actions: tokenFromSettings ? ['token'] : [] }, false)
    }
  }
}

/** Why the link did not get through: nobody answered (a plain question and a test), or the host's words. */
function whyNotReached(link: LinkStatus, reason: LocalText): StatusProblem | undefined {
  if (link.reasonCode === 'linkStopped' || link.reasonCode === 'linkNotStarted') return undefined
  if (link.reasonCode && UNREACHABLE.has(link.reasonCode)) {
    return { text: key('problem.unreachable', { host: hostOf(link.serverUrl) }), actions: ['test', 'settings'] }
  }
  return { text: reason, actions: ['test', 'settings'] }
}

/** `host:port` of the server's address, as people type it. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

/** Whole seconds until `at`, at least 1 (a countdown that shows "0 s" looks stuck). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000))
}
