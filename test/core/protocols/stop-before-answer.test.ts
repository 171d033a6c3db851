/**
 * Stop before any sign of an answer (the server read the message and has said nothing yet), on the
 * other servers that cannot be interrupted: the message is marked stopped at once, saying the server
 * may still be working. (SYMindX, whose late answer is checked to be ignored, is in symindx-session.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AnyProtocol } from '../../../src/main/core/protocols/registry'
import { dextoProtocol } from '../../../src/main/core/protocols/dexto'
import { generalBotsProtocol } from '../../../src/main/core/protocols/generalbots'
import { FakeDextoServer, FakeGeneralBotsServer, type AnyFake } from '../../fake-servers'
import { openProtocolSession } from './protocol-session'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

async function connect(server: AnyFake, protocol: AnyProtocol, token?: string) {
  cleanups.push(() => server.stop())
  const { link, session, of, last } = await openProtocolSession({ url: server.url, protocol, getToken: () => token, cleanups })
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
