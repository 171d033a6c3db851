/** Why a message stopped short, as the outbox records it: English words with a code for the page. */
import { MAX_TURN_TEXT } from '../../../shared/protocol'
import { messageReason } from './outbox'

export const REASON_CONNECTION_LOST = 'Connection lost before the answer finished'
const MAX_TURN_TEXT_MB = MAX_TURN_TEXT / (1024 * 1024)

/** The connection went before the answer came. */
export const lostReason = () => messageReason(REASON_CONNECTION_LOST, 'messageConnectionLost')

/** The answer streamed past `MAX_TURN_TEXT`. */
export const tooLongReason = () =>
  messageReason(`The answer passed ${MAX_TURN_TEXT_MB} MB of text and was stopped`, 'messageTooLong', { megabytes: MAX_TURN_TEXT_MB })

/** Its `stream_start` did not come within the deadline. */
export function noStartReason(ms: number) {
  const seconds = Math.round(ms / 100) / 10
  return messageReason(`The server did not start an answer within ${seconds} s`, 'messageNoStart', { seconds })
}

/** Stop was pressed before the answer began, and the server cannot be interrupted. */
export const stoppedBeforeAnswerReason = () =>
  messageReason('Stopped before the answer came: the server may still be working on it, and its answer will be ignored', 'messageStoppedBeforeAnswer')

/** The outbox could not be written, so the message was never acknowledged. */
export const notSavedReason = (why: string) => messageReason(`Could not be saved: ${why}`, 'messageNotSaved', { error: why })

/** The protocol's frame size limit would be passed: refused before sending. */
export const tooLargeReason = (bytes: number, max: number) =>
  messageReason(`Too long for this server: ${bytes} bytes, at most ${max}`, 'messageTooLarge', { bytes, max })

/** The server refused it for now (rate limit): Mira sends it again by itself. */
export function rateLimitedReason(ms: number) {
  const seconds = Math.round(ms / 100) / 10
  return messageReason(`The server is busy (too many messages): sending again in ${seconds} s`, 'messageRateLimited', { seconds })
}
