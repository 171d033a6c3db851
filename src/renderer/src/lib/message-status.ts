/**
 * The short inline words under a message for each state that needs saying: what happened and
 * what to do. Answered messages and finished answers say nothing: their actions show they are done.
 */
import type { MessageState } from '../../../shared/host'
import { isInformationalErrorCode } from '../../../shared/protocol/codes'

export type CaptionTone = 'quiet' | 'warn' | 'danger'

export interface Caption {
  tone: CaptionTone
  /** One or two words: "Stopped", "Cut off", "Error". */
  label: string
  /** What it means and what to do, as a short sentence. */
  detail?: string
}

export interface TurnLike {
  state: 'streaming' | 'done' | 'interrupted' | 'failed'
  reason?: string
  errorCode?: number | null
}

function errorAdvice(code: number | null | undefined): string {
  if (code === 401) return 'The server refused the token: check it in Settings, then use Retry.'
  if (code === 400) return 'The server could not take this message: edit it or use Retry.'
  return 'Use Retry to ask again; if it keeps failing, check the server.'
}

export function describeTurn(turn: TurnLike): Caption | undefined {
  switch (turn.state) {
    case 'streaming':
      return { tone: 'quiet', label: 'Answering…', detail: 'Esc stops.' }
    case 'done':
      return undefined
    case 'interrupted':
      return turn.reason === 'connection-lost'
        ? { tone: 'warn', label: 'Cut off', detail: 'The connection dropped mid-answer. Use Retry to ask again.' }
        : { tone: 'quiet', label: 'Stopped' }
    case 'failed':
      // 4003 / 4004 only confirm a stop: never an error for the reader.
      if (isInformationalErrorCode(turn.errorCode)) return { tone: 'quiet', label: 'Stopped' }
      return {
        tone: 'danger',
        label: 'Error',
        detail: `${turn.reason ?? 'The server could not answer'}${turn.errorCode != null ? ` (${turn.errorCode})` : ''}. ${errorAdvice(turn.errorCode)}`,
      }
  }
}

export function describeMessage(state: MessageState, reason?: string): Caption | undefined {
  switch (state) {
    case 'queued':
      return { tone: 'quiet', label: 'Queued', detail: 'Goes out as soon as Mira is connected.' }
    case 'sending':
      return { tone: 'quiet', label: 'Sending…' }
    case 'interrupted':
      return { tone: 'warn', label: 'Interrupted', detail: 'The answer was cut off. Retry to ask again.' }
    case 'failed':
      return { tone: 'danger', label: 'Failed', detail: reason ?? 'The server rejected this message.' }
    case 'sent':
    case 'answered':
      return undefined
  }
}
