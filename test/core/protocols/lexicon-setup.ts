/** The Lexicon adapter in the real link and session, against the fake Lexicon server. */
import { expect, vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host/events'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import { ChatSession } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'
import { lexiconSetup } from '../../../src/main/core/protocols/lexicon-setup'
import type { ProtocolCredentials } from '../../../src/main/core/protocols/types'
import { FakeLexiconServer, type FakeLexiconOptions } from '../../fake-servers/lexicon/server'

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
  const link = new ChatLink({ url: server.url, getToken: () => undefined, ...lexicon.link, backoff: { initialMs: 20, maxMs: 100 }, random: () => 0.5 })
  lexicon.attach(link)
  const session = new ChatSession({ link, protocol, outbox, identity: () => ({ agentId: 'mira', userId: 'tester' }), restBase: () => 'http://127.0.0.1:1/v1' })
  const events: HostEvent[] = []
  session.on('event', (e) => events.push(e))
  cleanups.push(async () => {
    session.dispose()
    await link.stop()
  })
  const of = <K extends HostEvent['type']>(type: K) => events.filter((e): e is HostEventOf<K> => e.type === type)
  /** A message's last state (an answered one leaves the outbox). */
  const last = (id: string) => of('message').filter((e) => e.message.id === id).at(-1)?.message
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
