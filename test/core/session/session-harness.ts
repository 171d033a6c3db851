import { vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host/events'
import type { LinkState } from '../../../src/shared/host/link-status'
import { ChatSession, type ChatSessionOptions } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'
import { FakeLink } from './fake-link'

export const REST_BASE = 'http://127.0.0.1:5500/v1'

export interface Harness {
  link: FakeLink
  outbox: Outbox
  session: ChatSession
  events: HostEvent[]
  of<K extends HostEvent['type']>(type: K): HostEventOf<K>[]
  /** The states each message went through, by text. */
  states(text: string): string[]
}

export async function harness(
  options: { state?: LinkState; file?: string | null; outbox?: Outbox } & Partial<ChatSessionOptions> = {},
): Promise<Harness> {
  const link = new FakeLink()
  if (options.state) link.setState(options.state)
  const outbox = options.outbox ?? (await Outbox.open(options.file ?? null))
  const session = new ChatSession({
    link,
    outbox,
    identity: () => ({ agentId: 'mira', userId: 'tester', limit: 7 }),
    restBase: () => REST_BASE,
    ...options,
  })
  const events: HostEvent[] = []
  session.on('event', (e) => events.push(e))
  const of = <K extends HostEvent['type']>(type: K) => events.filter((e): e is HostEventOf<K> => e.type === type)
  const states = (text: string) => of('message').filter((e) => e.message.text === text).map((e) => e.message.state)
  return { link, outbox, session, events, of, states }
}

/** Lets the session's send loop run (it awaits the outbox write before each send). */
export async function until(check: () => void): Promise<void> {
  await vi.waitFor(check, { timeout: 2_000, interval: 5 })
}

/** A few turns of the event loop, for asserting that something did NOT happen. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}
