/**
 * Which Lexicon chat the connection is on. A Lexicon socket is bound to one chat (`chat_id` at the
 * upgrade), and the chat must exist first: Mira creates one over REST (`POST /api/v1/chats/`, on
 * the chat server's own origin only) for each Mira conversation and keeps its id as that
 * conversation's id (the outbox's map, persisted with it). A message of another conversation than
 * the connection's switches the connection to that conversation's chat (or a new one) between
 * answers. With a fixed chat (`--chat-id`) every conversation shares it.
 *
 * The REST body is not in the guide: Mira sends `X-API-Key` and `X-User-ID` headers and
 * `{user_id, title}`, and reads `id` (or `chat_id`) from the JSON answer.
 */
import type { LinkSocket } from '../link/types'
import { openWs } from '../link/socket'
import { DeferredSocket } from './deferred-socket'

export const LEXICON_CHATS_PATH = '/api/v1/chats/'

/** Why a chat could not be created. `refused`: the server turned the key or user down (its words in `detail`). */
export class ChatCreationError extends Error {
  override name = 'ChatCreationError'
  constructor(
    message: string,
    readonly kind: 'refused' | 'failed',
    readonly status?: number,
  ) {
    super(message)
  }
}

export interface LexiconChatsOptions {
  /** The chat socket's address; REST goes to its origin. */
  url: string
  apiKey: () => string | undefined
  userId: () => string | undefined
  /** One chat for every conversation (`--chat-id`): nothing is created. */
  fixedChatId?: string
  /** A chat to start in, made earlier and taken by no conversation yet (not fixed: conversations still get their own). */
  startChatId?: string
  /** A Mira conversation already has this chat (the outbox knows it, across restarts). */
  isClaimed?: (chatId: string) => boolean
  fetch?: typeof fetch
  /** For tests: how the real socket opens. */
  open?: (url: string, headers?: Record<string, string>) => LinkSocket
}

/** `ws://h:p/ws/chat` → `http://h:p/api/v1/chats/`: the chat server's own origin, nothing a server said. */
export function chatsUrl(chatUrl: string): string {
  const url = new URL(chatUrl)
  const scheme = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:'
  return `${scheme}//${url.host}${LEXICON_CHATS_PATH}`
}

export class LexiconChats {
  /** The chat the connection is (or is about to be) on. */
  private chatId: string | undefined
  /** What the next connection should be on: a conversation's chat, or a new one. */
  private wanted: { chatId?: string } | undefined
  private readonly claimedHere = new Set<string>()
  private switchQueued = false
  /** Chats created so far, oldest first. */
  readonly created: string[] = []
  /** Moves the connection to the chat now wanted (the link's `retryNow`, set once the link exists). */
  reconnect: (() => void) | undefined

  constructor(private readonly options: LexiconChatsOptions) {
    this.chatId = options.fixedChatId ?? options.startChatId
  }

  get fixed(): boolean {
    return this.options.fixedChatId !== undefined
  }

  get current(): string | undefined {
    return this.chatId
  }

  /** A conversation has this chat now (or already had it). */
  claim(chatId: string): void {
    this.claimedHere.add(chatId)
  }

  claimed(chatId: string): boolean {
    return this.claimedHere.has(chatId) || (this.options.isClaimed?.(chatId) ?? false)
  }

  /**
   * A message must go to this chat (`undefined`: a new conversation's, to be created). The switch
   * happens after the caller is done with the frame it is handling (the link replaces the socket).
   */
  want(chatId: string | undefined): void {
    if (this.fixed) return
    this.wanted = chatId === undefined ? {} : { chatId }
    if (this.switchQueued) return
    this.switchQueued = true
    setImmediate(() => {
      this.switchQueued = false
      this.reconnect?.()
    })
  }

  /** The chat the next connection goes to: the one wanted, the current one, or a new one. */
  async prepare(): Promise<string> {
    const wanted = this.wanted
    if (wanted) {
      this.chatId = wanted.chatId ?? (await this.create())
      if (this.wanted === wanted) this.wanted = undefined
    }
    this.chatId ??= await this.create()
    return this.chatId
  }

  /** Creates a chat for the user, returning its id. */
  async create(title = 'Mira'): Promise<string> {
    const userId = this.options.userId()?.trim() ?? ''
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
    const apiKey = this.options.apiKey()?.trim()
    if (apiKey) headers['X-API-Key'] = apiKey
    if (userId) headers['X-User-ID'] = userId
    const response = await (this.options.fetch ?? fetch)(chatsUrl(this.options.url), {
      method: 'POST',
      headers,
      body: JSON.stringify({ user_id: userId, title }),
      redirect: 'error',
    }).catch((error: unknown) => {
      // fetch says only "fetch failed": its cause has the socket's own error (ECONNREFUSED, …).
      const cause = error instanceof Error ? error.cause : undefined
      throw cause instanceof Error ? cause : error
    })
    const body: unknown = await response.json().catch(() => undefined)
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
    if (!response.ok) {
      const detail = typeof record.detail === 'string' ? record.detail : response.statusText
      const kind = response.status === 401 || response.status === 403 || response.status === 422 ? 'refused' : 'failed'
      throw new ChatCreationError(`creating a chat failed: HTTP ${response.status} ${detail}`.trim(), kind, response.status)
    }
    const id = record.id ?? record.chat_id
    if (typeof id !== 'string' || id.trim() === '') throw new ChatCreationError('creating a chat failed: the answer has no chat id', 'failed', response.status)
    this.created.push(id)
    return id
  }

  /**
   * The link's `createSocket`: the socket opens once the chat is known. When the server refuses to
   * create one (the key or user), the socket opens without a chat, so the server itself says why
   * (AUTH_ERROR with its fix) and the link goes auth-failed on that.
   */
  readonly openSocket = (url: string, headers?: Record<string, string>): LinkSocket => {
    const target = this.prepare().then(
      (chatId) => ({ url, headers: { ...headers, 'X-Chat-ID': chatId } }),
      (error: unknown) => {
        if (error instanceof ChatCreationError && error.kind === 'refused') return { url, ...(headers ? { headers } : {}) }
        throw error
      },
    )
    return new DeferredSocket(target, this.options.open ?? openWs)
  }
}
