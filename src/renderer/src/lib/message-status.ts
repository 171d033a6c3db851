/**
 * The short inline words under a message for each state that needs saying: what happened and
 * what to do. Answered messages and finished answers say nothing: their actions show they are done.
 * Returned as message keys (see local-text.ts); the server's own reasons are kept as they are.
 */
import type { MessageState } from '../../../shared/host'
import { isInformationalErrorCode } from '../../../shared/protocol/codes'
import { key, raw, type LocalText } from './local-text'

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
  errorCode?: number | null
}

function errorAdvice(code: number | null | undefined): LocalText {
  if (code === 401) return key('chat.caption.advice401')
  if (code === 400) return key('chat.caption.advice400')
  return key('chat.caption.adviceOther')
}

const STOPPED: Caption = { tone: 'quiet', label: key('chat.caption.stopped') }

export function describeTurn(turn: TurnLike): Caption | undefined {
  switch (turn.state) {
    case 'streaming':
      return { tone: 'quiet', label: key('chat.caption.answering'), detail: key('chat.caption.escStops') }
    case 'done':
      return undefined
    case 'interrupted':
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

export function describeMessage(state: MessageState, reason?: string): Caption | undefined {
  switch (state) {
    case 'queued':
      return { tone: 'quiet', label: key('chat.badge.queued'), detail: key('chat.caption.queuedDetail') }
    case 'sending':
      return { tone: 'quiet', label: key('chat.badge.sending') }
    case 'interrupted':
      return { tone: 'warn', label: key('chat.badge.interrupted'), detail: key('chat.caption.interruptedDetail') }
    case 'failed':
      return { tone: 'danger', label: key('chat.badge.failed'), detail: reason === undefined ? key('chat.caption.rejected') : raw(reason) }
    case 'sent':
    case 'answered':
      return undefined
  }
}
