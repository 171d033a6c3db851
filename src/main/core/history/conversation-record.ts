/** A conversation in memory, and how it is rebuilt from its file's records. */
import type { HistoryMessage } from '../../../shared/host/conversations'
import type { HistoryRecord } from './history-file'
import { titleFrom } from './title'

export interface LocalConversation {
  conversationKey: string
  conversationId?: string
  title: string
  /** The user renamed it. */
  renamed: boolean
  createdAt: number
  updatedAt: number
  messageCount: number
}

export type StoredMessage = HistoryMessage & { id?: string }

export interface Conversation {
  key: string
  file: string
  conversationId?: string
  title?: string
  createdAt: number
  updatedAt: number
  messages: StoredMessage[]
  deleted: boolean
}

/** A conversation rebuilt from its file's records; undefined without a `meta` line. */
export function fold(file: string, records: HistoryRecord[]): Conversation | undefined {
  const meta = records[0]
  if (meta?.k !== 'meta') return undefined
  const conversation: Conversation = {
    key: meta.key,
    file,
    ...(meta.conversationId ? { conversationId: meta.conversationId } : {}),
    createdAt: meta.createdAt,
    updatedAt: meta.createdAt,
    messages: [],
    deleted: false,
  }
  for (const record of records.slice(1)) {
    switch (record.k) {
      case 'user':
        conversation.messages.push({ role: 'user', text: record.text, at: record.at, id: record.id })
        conversation.updatedAt = Math.max(conversation.updatedAt, record.at)
        break
      case 'assistant': {
        const { k: _k, turnId: _turnId, ...message } = record
        conversation.messages.push({ role: 'assistant', ...message })
        conversation.updatedAt = Math.max(conversation.updatedAt, record.at)
        break
      }
      case 'drop':
        conversation.messages = conversation.messages.filter((m) => m.id !== record.id)
        break
      case 'id':
        conversation.conversationId = record.conversationId
        break
      case 'title':
        conversation.title = record.title
        break
      case 'deleted':
      case 'restored':
        conversation.deleted = record.k === 'deleted'
        break
      case 'meta':
        break
    }
  }
  return conversation
}

export function summary(c: Conversation): LocalConversation {
  const firstUser = c.messages.find((m) => m.role === 'user')?.text
  return {
    conversationKey: c.key,
    ...(c.conversationId ? { conversationId: c.conversationId } : {}),
    title: c.title ?? titleFrom(firstUser),
    renamed: c.title !== undefined,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    messageCount: c.messages.length,
  }
}
