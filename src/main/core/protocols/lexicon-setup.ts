/**
 * What a Lexicon link needs beside its adapter: the chats (created over REST, one per conversation,
 * or one fixed chat) and a socket that opens once its chat exists. The app and the CLI build their
 * link from this, then `attach` it so a conversation's chat can be switched to.
 */
import type { ChatLinkOptions } from '../link/types'
import { LexiconChats, type LexiconChatsOptions } from './lexicon-chats'
import { lexiconProtocol, type LexiconClientFrame, type LexiconFrame } from './lexicon'
import type { ProtocolCredentials, ServerProtocol } from './types'

export interface LexiconSetup {
  protocol: ServerProtocol<LexiconFrame, LexiconClientFrame>
  chats: LexiconChats
  /** For the link's options. */
  link: Pick<ChatLinkOptions<LexiconFrame, LexiconClientFrame>, 'createSocket' | 'getCredentials' | 'protocol'>
  /** The link is built: switching chats reconnects it. */
  attach(link: { retryNow(reason?: string): void }): void
}

export interface LexiconSetupOptions extends Omit<LexiconChatsOptions, 'apiKey' | 'userId'> {
  credentials: () => ProtocolCredentials
  /** For tests: how often to ping. */
  pingIntervalMs?: number
}

export function lexiconSetup(options: LexiconSetupOptions): LexiconSetup {
  const chats = new LexiconChats({
    ...options,
    apiKey: () => options.credentials().apiKey,
    userId: () => options.credentials().userId,
  })
  const protocol = lexiconProtocol({ chats, ...(options.pingIntervalMs ? { pingIntervalMs: options.pingIntervalMs } : {}) })
  return {
    protocol,
    chats,
    link: { protocol, createSocket: chats.openSocket, getCredentials: options.credentials },
    attach(link) {
      chats.reconnect = () => link.retryNow('Moving to the conversation’s chat')
    },
  }
}

/**
 * The chat a connection made that no conversation took: the next connection to the same server, key
 * and user starts in it instead of creating another (the app reconnects on every settings change).
 */
export class SpareChat {
  private spare: { key: string; chatId: string } | undefined

  take(key: string): string | undefined {
    const chatId = this.spare?.key === key ? this.spare.chatId : undefined
    this.spare = undefined
    return chatId
  }

  keep(key: string, chats: LexiconChats): void {
    const chatId = chats.current
    if (chatId !== undefined && !chats.fixed && !chats.claimed(chatId)) this.spare = { key, chatId }
  }
}

/**
 * The app's Lexicon parts for one connection: the API key saved for the server and the settings'
 * user id, conversations' chats known from the outbox, and the last connection's unused chat to
 * start in; `release` (when the connection is given up) keeps this one's for the next.
 */
export function appLexiconSetup(
  spare: SpareChat,
  options: { url: string; apiKey: string | undefined; userId: string; isClaimed: (chatId: string) => boolean },
): LexiconSetup & { release(): void } {
  const { url, apiKey, userId, isClaimed } = options
  const key = JSON.stringify([url, apiKey, userId])
  const startChatId = spare.take(key)
  const setup = lexiconSetup({
    url,
    credentials: () => ({ ...(apiKey ? { apiKey } : {}), userId }),
    isClaimed,
    ...(startChatId ? { startChatId } : {}),
  })
  return { ...setup, release: () => spare.keep(key, setup.chats) }
}
