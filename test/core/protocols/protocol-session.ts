/**
 * What the protocol suites share: the real link and chat session over one adapter, pointed at a fake
 * server, with every host event recorded. Each suite adds its own server and reads.
 */
import type { HostEvent, HostEventOf } from '../../../src/shared/host/events'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import type { ChatLinkOptions } from '../../../src/main/core/link/types'
import type { Identity, ServerProtocol } from '../../../src/main/core/protocols/types'
import { ChatSession } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'

export interface ProtocolSessionOptions<In, Out> {
  url: string
  protocol: ServerProtocol<In, Out>
  getToken?: () => string | undefined
  /** More for the link (Lexicon's chat-per-conversation parts). */
  link?: Partial<ChatLinkOptions<In, Out>>
  /** Default: an outbox in memory. */
  outbox?: Outbox
  /** Default: agent `mira`, user `tester`. */
  identity?: () => Identity
  /** Where the session's stop goes; run by the suite after each test. */
  cleanups: (() => Promise<void>)[]
}

export async function openProtocolSession<In, Out>(options: ProtocolSessionOptions<In, Out>) {
  const { protocol } = options
  const link = new ChatLink<In, Out>({
    url: options.url,
    getToken: options.getToken ?? (() => undefined),
    ...options.link,
    protocol,
    backoff: { initialMs: 20, maxMs: 100 },
    random: () => 0.5,
  })
  const outbox = options.outbox ?? (await Outbox.open(null))
  const identity = options.identity ?? (() => ({ agentId: 'mira', userId: 'tester' }))
  const session = new ChatSession<In, Out>({ link, protocol, outbox, identity, restBase: () => 'http://127.0.0.1:1/v1' })
  const events: HostEvent[] = []
  session.on('event', (e) => events.push(e))
  options.cleanups.push(async () => {
    session.dispose()
    await link.stop()
  })
  const of = <K extends HostEvent['type']>(type: K) => events.filter((e): e is HostEventOf<K> => e.type === type)
  /** A message's last state (an answered one leaves the outbox). */
  const last = (id: string) => of('message').filter((e) => e.message.id === id).at(-1)?.message
  return { link, outbox, session, events, of, last }
}
