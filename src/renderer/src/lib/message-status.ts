/**
 * The short inline words under a message for each state that needs saying: what happened and
 * what to do. Answered messages and finished answers say nothing: their actions show they are done.
 * Returned as message keys (see local-text.ts); the host's reasons are worded by their code (see
 * host-text.ts), the server's own are kept as they are.
 */
import type { MessageState, OutgoingMessage } from '../../../shared/host'
import { isInformationalErrorCode } from '../../../shared/protocol/codes'
import { MAX_TURN_TEXT } from '../../../shared/protocol/limits'
import { hostText } from './host-text'
import { key, raw, type LocalText, type MessageKey } from './local-text'

export type CaptionTone = 'quiet' | 'warn' | 'danger'

export interface Caption {
  tone: CaptionTone
  /** One or two words: "Stopped", "Cut off", "Error". */
  label: LocalText
  /** What it means and what to do, as a short sentence. */
  detail?: LocalText
}

export interface TurnLike {
  state: 'streaming' | 'done' | 'interrupted' | 'failed'
  reason?: string
  errorCode?: number | string | null
}

/** What to do after an error, by the code the server gave: `/v1/chat/stream`'s numbers and other protocols' names. */
const ADVICE: Record<string, MessageKey> = {
  401: 'chat.caption.advice401',
  400: 'chat.caption.advice400',
  // SYMindX
  UNAUTHORIZED: 'chat.caption.advice401',
  INVALID_MESSAGE: 'chat.caption.advice400',
  AGENT_NOT_FOUND: 'chat.caption.adviceAgentNotFound',
  RATE_LIMIT_EXCEEDED: 'chat.caption.adviceRateLimited',
  // General Bots (SESSION_NOT_FOUND and SUBSCRIPTION_FAILED: the reason itself says what to do)
  AUTH_FAILED: 'chat.caption.advice401',
  INVALID_FORMAT: 'chat.caption.advice400',
  MESSAGE_TOO_LARGE: 'chat.caption.advice400',
  RATE_LIMITED: 'chat.caption.adviceRateLimited',
}

function errorAdvice(code: number | string | null | undefined): LocalText {
  return key((code != null && Object.hasOwn(ADVICE, code) ? ADVICE[code] : undefined) ?? 'chat.caption.adviceOther')
}

const STOPPED: Caption = { tone: 'quiet', label: key('chat.caption.stopped') }

export function describeTurn(turn: TurnLike): Caption | undefined {
  switch (turn.state) {
    case 'streaming':
      return { tone: 'quiet', label: key('chat.caption.answering'), detail: key('chat.caption.escStops') }
    case 'done':
      return undefined
    case 'interrupted':
      if (turn.reason === 'too-long') {
        const megabytes = MAX_TURN_TEXT / (1024 * 1024)
        return { tone: 'warn', label: key('chat.caption.tooLong'), detail: key('chat.caption.tooLongDetail', { megabytes }) }
      }
      return turn.reason === 'connection-lost'
        ? { tone: 'warn', label: key('chat.caption.cutOff'), detail: key('chat.caption.cutOffDetail') }
        : STOPPED
    case 'failed':
      // 4003 / 4004 only confirm a stop: never an error for the reader.
      if (isInformationalErrorCode(turn.errorCode)) return STOPPED
      return {
        tone: 'danger',
        label: key('chat.caption.error'),
        detail: key('chat.caption.errorDetail', {
          reason: turn.reason === undefined ? key('chat.caption.noAnswer') : raw(turn.reason),
          code: turn.errorCode == null ? '' : key('chat.caption.errorCode', { code: turn.errorCode }),
          advice: errorAdvice(turn.errorCode),
        }),
      }
  }
}

/** Why a message stopped, as the host sends it: its English words, and the code that words them here. */
export type MessageReason = Pick<OutgoingMessage, 'reason' | 'reasonCode' | 'reasonParams'>

/** A plain string is shown as it is; a message's reason is worded by its code when it has one. */
function reasonText(reason: string | MessageReason | undefined): LocalText | undefined {
  if (typeof reason === 'string') return raw(reason)
  if (reason?.reason === undefined) return undefined
  return hostText({ text: reason.reason, textCode: reason.reasonCode, params: reason.reasonParams })
}

/** `reason`: the message itself (its `reason`, `reasonCode`, `reasonParams`), or just its reason's words. */
export function describeMessage(state: MessageState, reason?: string | MessageReason): Caption | undefined {
  const why = reasonText(reason)
  switch (state) {
    case 'queued':
      return { tone: 'quiet', label: key('chat.badge.queued'), detail: key('chat.caption.queuedDetail') }
    case 'sending':
      return { tone: 'quiet', label: key('chat.badge.sending') }
    case 'interrupted': {
      // Only a reason worded by its code is said here: bare English would not fit every reader.
      const coded = why !== undefined && 'key' in why
      return {
        tone: 'warn',
        label: key('chat.badge.interrupted'),
        detail: coded ? key('chat.caption.interruptedBecause', { reason: why }) : key('chat.caption.interruptedDetail'),
      }
    }
    case 'failed':
      return { tone: 'danger', label: key('chat.badge.failed'), detail: why ?? key('chat.caption.rejected') }
    case 'sent':
      // Sent and waiting: said only when the host says why it waits (a rate limit, to be sent again).
      return why !== undefined && 'key' in why ? { tone: 'quiet', label: key('chat.badge.sending'), detail: why } : undefined
    case 'answered':
      return undefined
  }
}
