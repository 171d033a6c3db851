/**
 * The conversation commands: the app's history merged with the server's short-term memory
 * (`/v1/stm/sessions`, `/v1/stm/chat-history`) when the server keeps one. A server without it
 * (`RestError.unsupported`) or out of reach leaves the local history, never an error.
 */
import {
  HostError,
  type ConversationSource,
  type ConversationSummary,
  type HistoryMessage,
  type HostHandlers,
  type ServerHistoryState,
} from '../../../shared/host'
import { RestError, type RestClient, type StmSession } from '../rest/rest-client'
import type { HistoryStore, LocalConversation } from './history-store'
import { UNTITLED } from './title'
import { messageOf } from '../../../shared/errors'

export interface ConversationDeps {
  history: HistoryStore
  /** The REST client of the server in use. */
  rest: () => Promise<RestClient>
  identity: () => { userId: string; agentId: string }
  /** Maps the app's key to the server's id, so that new messages continue that conversation. */
  linkConversation: (conversationKey: string, conversationId: string) => void
  /** The server's session list is waited for this long before the local list is shown alone. Default 5 s. */
  serverTimeoutMs?: number
}

/** How many of a server conversation's last messages are shown when it is opened. */
const SHOWN_MESSAGES = 200

type ConversationHandlers = Pick<
  HostHandlers,
  'listConversations' | 'loadConversation' | 'renameConversation' | 'deleteConversation' | 'restoreConversation'
>

export function createConversationHandlers(deps: ConversationDeps): ConversationHandlers {
  const { history } = deps
  /** Server sessions from the last listing, by id: what a server-only key may name. */
  let serverSessions = new Map<string, StmSession>()

  async function fetchSessions(): Promise<{ sessions: StmSession[]; server: ServerHistoryState; problem?: string }> {
    const { userId, agentId } = deps.identity()
    try {
      const rest = await deps.rest()
      const sessions = await withTimeout(rest.sessions(userId, agentId), deps.serverTimeoutMs ?? 5_000)
      return { sessions, server: 'merged' }
    } catch (error) {
      if (error instanceof RestError && error.unsupported) return { sessions: [], server: 'unsupported' }
      return { sessions: [], server: 'unavailable', problem: messageOf(error) }
    }
  }

  /** The local record and the server id a key stands for; a server-only key is the session id itself. */
  function resolve(key: string): { local?: LocalConversation; conversationId?: string } {
    const local = history.get(key)
    if (local) return { local, ...(local.conversationId ? { conversationId: local.conversationId } : {}) }
    if (serverSessions.has(key) && !history.isHidden(key)) return { conversationId: key }
    throw noSuchConversation()
  }

  const sourceOf = (local: LocalConversation | undefined, onServer: boolean): ConversationSource =>
    !local || local.messageCount === 0 ? 'server' : onServer ? 'both' : 'local'

  return {
    listConversations: async () => {
      const { sessions, server, problem } = await fetchSessions()
      serverSessions = new Map(sessions.map((s) => [s.sessionId, s]))
      const merged = new Map<string, ConversationSummary>()
      for (const local of history.list()) merged.set(local.conversationKey, fromLocal(local, 'local'))
      for (const session of sessions) {
        if (history.isHidden(session.sessionId)) continue
        const key = history.keyFor(session.sessionId) ?? session.sessionId
        const local = history.get(key)
        merged.set(key, fromServer(session, key, local))
      }
      const conversations = [...merged.values()].sort((a, b) => b.updatedAt - a.updatedAt)
      return { conversations, server, ...(problem ? { problem } : {}) }
    },

    /**
     * The app's record when it holds the whole conversation; the server's when the conversation
     * began on the server (the app may hold only what was said since), else the app's part of it.
     */
    loadConversation: async ({ conversationKey: key }) => {
      const { local, conversationId } = resolve(key)
      if (conversationId) deps.linkConversation(key, conversationId)
      const messages = history.messages(key)
      if (local && (conversationId === undefined || !beganOnServer(key, conversationId))) {
        return { conversation: fromLocal(local, 'local'), messages }
      }
      const id = conversationId ?? key
      const session = serverSessions.get(id)
      const { userId, agentId } = deps.identity()
      try {
        const found = await (await deps.rest()).chatHistory(userId, agentId, id, SHOWN_MESSAGES)
        const conversation = session ? fromServer(session, key, local) : fromLocal(requireLocal(local), 'server')
        return { conversation, messages: found.messages.map((m): HistoryMessage => ({ role: m.role, text: m.content })) }
      } catch (error) {
        if (local && messages.length > 0) return { conversation: fromLocal(local, 'local'), messages }
        const why = messageOf(error)
        throw new HostError('server-error', why, { textCode: 'historyUnavailable', params: { error: why } })
      }
    },

    renameConversation: async ({ conversationKey: key, title }) => {
      const { local, conversationId } = resolve(key)
      const renamed = history.rename(key, title, conversationId)
      return fromLocal(renamed, sourceOf(local, conversationId !== undefined && serverSessions.has(conversationId)))
    },

    deleteConversation: async ({ conversationKey: key }) => {
      const { conversationId } = resolve(key)
      history.delete(key, conversationId)
      return { ok: true }
    },

    restoreConversation: async ({ conversationKey: key }) => {
      const restored = history.restore(key)
      if (!restored) throw new HostError('invalid-request', 'There is no such conversation in the trash', { textCode: 'notInTrash' })
      const onServer = restored.conversationId !== undefined && serverSessions.has(restored.conversationId)
      return fromLocal(restored, sourceOf(restored, onServer))
    },
  }
}

function fromLocal(local: LocalConversation, source: ConversationSource): ConversationSummary {
  return {
    conversationKey: local.conversationKey,
    ...(local.conversationId ? { conversationId: local.conversationId } : {}),
    title: local.title,
    createdAt: local.createdAt,
    updatedAt: local.updatedAt,
    source,
  }
}

/** A server session, with what the app knows of it (a title the user gave, its own first line). */
function fromServer(session: StmSession, key: string, local: LocalConversation | undefined): ConversationSummary {
  const createdAt = toMs(session.createdAt) ?? local?.createdAt ?? 0
  const updatedAt = Math.max(toMs(session.updatedAt) ?? createdAt, local?.updatedAt ?? 0)
  const hasLocalTitle = local !== undefined && (local.renamed || (local.messageCount > 0 && !beganOnServer(key, session.sessionId)))
  return {
    conversationKey: key,
    conversationId: session.sessionId,
    title: hasLocalTitle ? local.title : session.title?.trim() || UNTITLED,
    createdAt,
    updatedAt,
    source: local && local.messageCount > 0 ? 'both' : 'server',
  }
}

/** A conversation opened from the server's list keeps the server's id as its key. */
const beganOnServer = (key: string, conversationId: string): boolean => key === conversationId

function requireLocal(local: LocalConversation | undefined): LocalConversation {
  if (!local) throw noSuchConversation()
  return local
}

const noSuchConversation = (): HostError => new HostError('invalid-request', 'There is no such conversation', { textCode: 'noSuchConversation' })

/** Server stamps: ISO strings, or epoch seconds or milliseconds. */
function toMs(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value
  const numeric = Number(value)
  if (value.trim() && Number.isFinite(numeric)) return toMs(numeric)
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? undefined : parsed
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not list its conversations within ${ms / 1000} s`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
