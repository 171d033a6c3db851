/**
 * Stop before any sign of an answer (the server read the message and has said nothing yet), on the
 * other servers that cannot be interrupted: the message is marked stopped at once, saying the server
 * may still be working. (SYMindX, whose late answer is checked to be ignored, is in symindx-session.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host/events'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import { ChatSession } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'
import type { AnyProtocol } from '../../../src/main/core/protocols/registry'
import { dextoProtocol } from '../../../src/main/core/protocols/dexto'
import { generalBotsProtocol } from '../../../src/main/core/protocols/generalbots'
import { FakeDextoServer, FakeGeneralBotsServer, type AnyFake } from '../../fake-servers'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

async function connect(server: AnyFake, protocol: AnyProtocol, token?: string) {
  cleanups.push(() => server.stop())
  const link = new ChatLink({ url: server.url, getToken: () => token, protocol, backoff: { initialMs: 20, maxMs: 100 }, random: () => 0.5 })
  const session = new ChatSession({ link, protocol, outbox: await Outbox.open(null), identity: () => ({ agentId: 'mira', userId: 'tester' }), restBase: () => 'http://127.0.0.1:1/v1' })
  const events: HostEvent[] = []
  session.on('event', (e) => events.push(e))
  cleanups.push(async () => {
    session.dispose()
    await link.stop()
  })
  const of = <K extends HostEvent['type']>(type: K) => events.filter((e): e is HostEventOf<K> => e.type === type)
  const last = (id: string) => of('message').filter((e) => e.message.id === id).at(-1)?.message
  link.start()
  await waitFor(() => expect(link.status.state).toBe('ready'))
  /** Sends a message the server reads and does not answer, and presses Stop once it is sent. */
  const stopUnanswered = async () => {
    server.dropMessages = true
    const message = session.send({ text: 'never answered' })
    await server.waitUntil(() => server.chatMessages().length === 1)
    await waitFor(() => expect(last(message.id)?.state).toBe('sent'))
    session.interrupt()
    // At once: nothing came from the server.
    expect(last(message.id)).toMatchObject({ state: 'interrupted', reasonCode: 'messageStoppedBeforeAnswer' })
    expect(of('notice').map((n) => n.textCode)).toEqual(['stoppedLocally'])
    server.dropMessages = false
    return message
  }
  return { session, of, stopUnanswered }
}

describe('Stop before the answer begins', () => {
  it('Dexto: the message is marked stopped at once', async () => {
    const t = await connect(await FakeDextoServer.start(), dextoProtocol())
    await t.stopUnanswered()
  })

  it('General Bots: the message is marked stopped at once, and the conversation goes on', async () => {
    const t = await connect(await FakeGeneralBotsServer.start({ token: 't', answer: () => [{ say: 'Hello!' }] }), generalBotsProtocol(), 't')
    const message = await t.stopUnanswered()
    t.session.send({ text: 'hello', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('turn-token').map((e) => e.chunk).join('')).toBe('Hello!')
  })
})
