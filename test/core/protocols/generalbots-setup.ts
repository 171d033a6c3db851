/** The General Bots adapter in the real link and session, against the fake General Bots server. */
import { expect, vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host/events'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import { ChatSession } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'
import { generalBotsProtocol, type GeneralBotsOptions } from '../../../src/main/core/protocols/generalbots'
import { FakeGeneralBotsServer, type FakeGeneralBotsOptions } from '../../fake-servers/generalbots/server'

export const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

const cleanups: (() => Promise<void>)[] = []
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export interface SetupOptions {
  fake?: FakeGeneralBotsOptions
  protocol?: GeneralBotsOptions
  /** The token the client uses (default: the fake's). */
  token?: string | null
  /** Runs before the client connects. */
  prepare?: (bots: FakeGeneralBotsServer) => void
}

export async function setup(options: SetupOptions = {}) {
  const bots = await FakeGeneralBotsServer.start({ token: 'secret', ...options.fake })
  cleanups.push(() => bots.stop())
  options.prepare?.(bots)
  const protocol = generalBotsProtocol(options.protocol)
  const token = options.token === undefined ? bots.token : (options.token ?? undefined)
  const link = new ChatLink({ url: bots.url, getToken: () => token, protocol, backoff: { initialMs: 20, maxMs: 100 }, random: () => 0.5 })
  const outbox = await Outbox.open(null)
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
  const texts = () => bots.chatMessages().map((m) => m.text)
  link.start()
  return { bots, link, outbox, session, events, of, last, texts }
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
