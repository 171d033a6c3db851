/**
 * What an `error` frame without `turn_id` answers. The real server sends such errors for any frame
 * it could not handle ("Failed to process message: …", "Unsupported message type: …"), with no
 * request id, so an error is pinned on a request only when that can be known:
 * - by what it says: it names a request's frame type, or a message's field or conversation;
 * - by timing: exactly one request (a message or a fetch) waits for an answer, so it is that one's.
 * Otherwise it belongs to nobody: a server notice, and every message and turn is left alone.
 */
import { clientFrameSchemas } from '../../../shared/protocol'
import type { InFlight } from './in-flight'
import type { ServerRequests } from './server-requests'

export type ErrorOwner =
  /** A waiting fetch or avatar switch: already failed with the error. */
  | { kind: 'request' }
  /** A message still waiting for its `stream_start`. */
  | { kind: 'message'; id: string }
  | { kind: 'nobody' }

/** Fields only `chat_message` carries: an error about them answers a message. */
const MESSAGE_WORDS = /\b(agent_id|user_id|conversation(_id)?|persona|images|content|chat_message)\b/i
/** Fields every message carries alike (read from the settings): the oldest waiting one failed first. */
const IDENTITY_WORDS = /\b(agent_id|user_id)\b/i
const CLIENT_FRAME_TYPES = Object.keys(clientFrameSchemas)

export function attributeError(error: string, inFlight: InFlight, requests: ServerRequests): ErrorOwner {
  if (requests.failMatching(error)) return { kind: 'request' }
  const named = CLIENT_FRAME_TYPES.filter((type) => error.includes(type))
  // It names a frame that is not a message (e.g. "Unsupported message type: pong"), and no request of that kind waits.
  if (named.length > 0 && !named.includes('chat_message')) return { kind: 'nobody' }
  if (MESSAGE_WORDS.test(error)) {
    const byConversation = inFlight.list().find((m) => m.conversationId !== undefined && error.includes(m.conversationId))
    if (byConversation) return { kind: 'message', id: byConversation.id }
    const oldest = inFlight.oldest()
    if (oldest !== undefined && (IDENTITY_WORDS.test(error) || inFlight.size === 1)) return { kind: 'message', id: oldest }
  }
  // By timing: the only request waiting for an answer.
  const waiting = inFlight.size + requests.pendingCount
  if (waiting !== 1) return { kind: 'nobody' }
  const only = inFlight.oldest()
  if (only !== undefined) return { kind: 'message', id: only }
  return requests.failSole(error) ? { kind: 'request' } : { kind: 'nobody' }
}
