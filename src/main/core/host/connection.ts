/**
 * One server's live objects, built for an endpoint: the link with the adapter for its protocol and
 * the chat session over it (Lexicon adds its chat-per-conversation parts). The core owns when a
 * connection is made and given up; this only puts one together.
 */
import type { HostEvent } from '../../../shared/host'
import { ChatLink } from '../link/chat-link'
import { appLexiconSetup, type SpareChat } from '../protocols/lexicon-setup'
import { opt } from '../protocols/fields'
import { createProtocol, type AnyProtocol } from '../protocols/registry'
import { RestClient } from '../rest/rest-client'
import { ChatSession } from '../session/chat-session'
import type { Outbox } from '../session/outbox'
import type { SettingsStore } from '../settings/settings-store'
import { AvatarMemory } from './avatar-memory'
import type { Endpoint } from './server-endpoint'

export type AnyLink = ChatLink<unknown, unknown>
export type AnySession = ChatSession<unknown, unknown>

export interface Connection {
  endpoint: Endpoint
  link: AnyLink
  session: AnySession
  rest: RestClient
  avatar: AvatarMemory
  /** Called when the connection is given up (Lexicon: its unused chat is kept for the next one). */
  release?: () => void
}

export interface ConnectionDeps {
  settings: SettingsStore
  outbox: Outbox
  /** Lexicon's chat made for a connection and not used yet, kept across connections. */
  spareChat: SpareChat
  log: (line: string) => void
  /** Where the session's events go. */
  emit: (event: HostEvent) => void
}

/** The link (not started) and session for `endpoint` (one with a `problem` gets DMP's adapter and is never started). */
export function buildConnection(endpoint: Endpoint, deps: ConnectionDeps): Connection {
  const { settings, outbox, log } = deps
  // Lexicon: a chat per conversation, its id kept with the conversation in the outbox.
  const lexicon =
    endpoint.protocol === 'lexicon'
      ? appLexiconSetup(deps.spareChat, { url: endpoint.url, apiKey: endpoint.apiKey, userId: settings.get().userId, isClaimed: (id) => outbox.conversationKeyFor(id) !== undefined })
      : undefined
  const protocol: AnyProtocol = lexicon?.protocol ?? createProtocol(endpoint.protocol ?? 'dmp')
  const link: AnyLink = new ChatLink({
    url: endpoint.url,
    serverKind: endpoint.kind,
    getToken: () => endpoint.token,
    silenceTimeoutMs: settings.get().server.silenceTimeoutMs,
    ...lexicon?.link,
    protocol,
  })
  lexicon?.attach(link)
  const session: AnySession = new ChatSession({
    link,
    protocol,
    outbox,
    restBase: () => endpoint.restBase,
    startTimeoutMs: () => settings.get().server.startTimeoutMs,
    log,
    identity: () => {
      const s = settings.get()
      return { agentId: s.agentId, userId: s.userId, limit: s.historyLimit, ...(s.persona ? { persona: s.persona } : {}) }
    },
  })
  session.on('event', deps.emit)
  const avatar = new AvatarMemory()
  session.on('event', (event: HostEvent) => avatar.note(event))
  const rest = new RestClient({ restBase: endpoint.restBase, ...(endpoint.token ? { token: endpoint.token } : {}) })
  return { endpoint, link, session, rest, avatar, ...opt('release', lexicon?.release) }
}
