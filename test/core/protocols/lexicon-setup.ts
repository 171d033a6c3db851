/** The Lexicon adapter in the real link and session, against the fake Lexicon server. */
import { expect, vi } from 'vitest'
import { Outbox } from '../../../src/main/core/session/outbox'
import { lexiconSetup } from '../../../src/main/core/protocols/lexicon-setup'
import type { ProtocolCredentials } from '../../../src/main/core/protocols/types'
import { FakeLexiconServer, type FakeLexiconOptions } from '../../fake-servers/lexicon/server'
import { openProtocolSession } from './protocol-session'

export const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

const cleanups: (() => Promise<void>)[] = []
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export interface SetupOptions {
  fake?: FakeLexiconOptions
  /** What the client connects with (default: the fake's key, user `tester`). */
  credentials?: ProtocolCredentials
  /** A fixed chat for every conversation. */
  fixedChatId?: string
  /** An outbox that outlives this setup (a restart). */
  outbox?: Outbox
  pingIntervalMs?: number
  /** Runs before the client connects. */
  prepare?: (server: FakeLexiconServer) => void
}

export async function setup(options: SetupOptions = {}) {
  const server = await FakeLexiconServer.start(options.fake)
  cleanups.push(() => server.stop())
  options.prepare?.(server)
  const outbox = options.outbox ?? (await Outbox.open(null))
  const credentials = options.credentials ?? { apiKey: server.apiKey, userId: 'tester' }
  const lexicon = lexiconSetup({
    url: server.url,
    credentials: () => credentials,
    isClaimed: (chatId) => outbox.conversationKeyFor(chatId) !== undefined,
    ...(options.fixedChatId ? { fixedChatId: options.fixedChatId } : {}),
    ...(options.pingIntervalMs ? { pingIntervalMs: options.pingIntervalMs } : {}),
  })
  const { protocol, chats } = lexicon
  const opened = await openProtocolSession({ url: server.url, protocol, link: lexicon.link, outbox, cleanups })
  const { link, session, events, of, last } = opened
  lexicon.attach(link)
  const texts = () => server.chatMessages().map((m) => m.text)
  /** POST /api/v1/chats/ requests the fake saw. */
  const creations = () => server.httpRequests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/chats'))
  link.start()
  return { server, link, outbox, session, events, chats, of, last, texts, creations }
}

export type Setup = Awaited<ReturnType<typeof setup>>

export async function ready(t: Setup): Promise<void> {
  await waitFor(() => expect(t.link.status.state).toBe('ready'))
}

/** A promise and its resolver: a script step that waits for the test. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}
