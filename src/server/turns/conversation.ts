/**
 * Finds or starts the conversation a `chat_message` belongs to. An unknown `conversation_id` is
 * started fresh under that id, so a client that made up its own UUID keeps using it; one owned by
 * another user or agent is refused.
 */
import { randomUUID } from 'node:crypto'
import type { ClientFrameOf } from '../../shared/protocol'
import type { ChatTurnMessage } from '../brains/types'
import { SESSION_ID, type HistoryStore } from '../history/store'

export const DEFAULT_STM_LIMIT = 10
const TITLE_LENGTH = 60

export type OpenedConversation =
  | { ok: true; conversationId: string; window: ChatTurnMessage[] }
  | { ok: false; error: string }

function titleFrom(content: string): string | undefined {
  const line = content.trim().split('\n')[0]?.trim() ?? ''
  if (!line) return undefined
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line
}

/** Opens the conversation and records the user's message; `window` is the STM before that message. */
export async function openConversation(history: HistoryStore, message: ClientFrameOf<'chat_message'>): Promise<OpenedConversation> {
  const userId = message.user_id.trim()
  const agentId = message.agent_id.trim()
  const metadata = message.metadata ?? {}
  let conversationId = message.conversation_id?.trim()
  if (conversationId) {
    if (!SESSION_ID.test(conversationId)) {
      return { ok: false, error: `Invalid conversation_id "${conversationId.slice(0, 80)}": use a UUID` }
    }
    const owner = history.ownerOf(conversationId)
    if (owner && (owner.userId !== userId || owner.agentId !== agentId)) {
      return { ok: false, error: `Conversation ${conversationId} belongs to another user or agent` }
    }
  } else {
    conversationId = randomUUID()
  }
  if (history.has(conversationId)) {
    history.updateMetadata(conversationId, metadata)
  } else {
    const title = typeof metadata.title === 'string' ? undefined : titleFrom(message.content)
    history.create(conversationId, userId, agentId, { ...metadata, ...(title ? { title } : {}) })
  }
  // Recorded once the window is read: a history that cannot be read answers an error and stores nothing.
  const window = (await history.messages(conversationId, message.limit ?? DEFAULT_STM_LIMIT)).map(({ role, content }): ChatTurnMessage => ({ role, content }))
  void history.appendMessage(conversationId, { role: 'user', content: message.content })
  return { ok: true, conversationId, window }
}
