/** A past conversation's messages as log entries: answered user messages and finished answers. */
import type { HistoryMessage, OutgoingMessage } from '../../../shared/host'
import type { Entry, Turn } from '../stores/chat'

export interface PastLog {
  messages: Record<string, OutgoingMessage>
  turns: Record<string, Turn>
  entries: Entry[]
}

export function historyLog(conversationKey: string, history: HistoryMessage[]): PastLog {
  const log: PastLog = { messages: {}, turns: {}, entries: [] }
  history.forEach((item, i) => {
    // Ids of their own, so no host event about a live message or turn can ever touch them.
    const id = `past:${conversationKey}:${i}`
    if (item.role === 'user') {
      log.messages[id] = { id, conversationKey, text: item.text, createdAt: item.at ?? 0, state: 'answered' }
      log.entries.push({ kind: 'message', id })
      return
    }
    log.turns[id] = {
      id,
      conversationKey,
      text: item.text,
      state: item.interrupted ? 'interrupted' : 'done',
      ...(item.interrupted ? { reason: 'interrupted' } : {}),
      // Tool results are not kept in the history; the card says so instead of "waiting".
      tools: (item.tools ?? []).map((name) => ({ name, args: undefined, resultNotKept: true, done: true })),
    }
    log.entries.push({ kind: 'turn', id })
  })
  return log
}
