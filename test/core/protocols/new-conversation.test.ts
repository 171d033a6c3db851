/**
 * *New conversation* on servers of each kind, through the real link and session against the fakes:
 * the first message of a new conversation starts one on the server too (Dexto `reset`, SYMindX a new
 * `conversationId`), and where the protocol cannot (General Bots keeps one session per connection)
 * the user is told. A message sent without a conversation key is what the app's New conversation sends.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AnyProtocol } from '../../../src/main/core/protocols/registry'
import { dextoProtocol } from '../../../src/main/core/protocols/dexto'
import { generalBotsProtocol } from '../../../src/main/core/protocols/generalbots'
import { symindxProtocol } from '../../../src/main/core/protocols/symindx'
import { FakeDextoServer, FakeGeneralBotsServer, FakeSymindxServer } from '../../fake-servers'
import type { FakeHub } from '../../fake-servers/shared/fake-hub'
import { openProtocolSession } from './protocol-session'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

async function connect(server: FakeHub, protocol: AnyProtocol, token?: string) {
  cleanups.push(() => server.stop())
  const { link, session, of } = await openProtocolSession({ url: server.url, protocol, getToken: () => token, identity: () => ({ agentId: 'nyx', userId: 'tester' }), cleanups })
  link.start()
  await waitFor(() => expect(link.status.state).toBe('ready'))
  /** Sends and waits for the answer; returns the message's conversation key. */
  const say = async (text: string, conversationKey?: string) => {
    const ends = of('turn-end').length
    const message = session.send({ text, ...(conversationKey ? { conversationKey } : {}) })
    await waitFor(() => expect(of('turn-end')).toHaveLength(ends + 1))
    return message.conversationKey
  }
  return { session, of, say }
}

describe('New conversation on the server', () => {
  it('Dexto with a fixed session: each new conversation resets it first, so the server starts afresh', async () => {
    const server = await FakeDextoServer.start()
    const t = await connect(server, dextoProtocol({ sessionId: 'fixed' }))
    const first = await t.say('one')
    await t.say('two', first)
    expect(server.history.get('fixed')).toHaveLength(4)
    await t.say('a new start')
    const types = server.received.map((r) => [r.frame?.type, r.frame?.sessionId])
    expect(types).toEqual([
      ['reset', 'fixed'],
      ['message', 'fixed'],
      ['message', 'fixed'],
      ['reset', 'fixed'],
      ['message', 'fixed'],
    ])
    // The server's history of the session holds only the new conversation.
    expect(server.history.get('fixed')?.map((h) => h.content)).toEqual(['a new start', expect.any(String)])
  })

  it('Dexto: each new conversation gets its own session, reset once before its first message', async () => {
    const server = await FakeDextoServer.start()
    const t = await connect(server, dextoProtocol())
    const first = await t.say('one')
    await t.say('two', first)
    await t.say('another')
    const frames = server.received.map((r) => [r.frame?.type, r.frame?.sessionId] as const)
    expect(frames.map(([type]) => type)).toEqual(['reset', 'message', 'message', 'reset', 'message'])
    const [a, b] = [frames[0]?.[1], frames[3]?.[1]]
    expect(frames.slice(0, 3).every(([, id]) => id === a)).toBe(true)
    expect(frames.slice(3).every(([, id]) => id === b)).toBe(true)
    expect(a).not.toBe(b)
  })

  it('SYMindX: a new conversation goes with a new conversationId, a continued one with its own', async () => {
    const server = await FakeSymindxServer.start({ agents: [{ id: 'nyx' }] })
    const t = await connect(server, symindxProtocol())
    const first = await t.say('one')
    await t.say('two', first)
    await t.say('another')
    const ids = server.framesWhere('type', 'chat').map((r) => (r.frame?.data as { conversationId?: string }).conversationId)
    expect(ids).toHaveLength(3)
    expect(ids[0]).toEqual(expect.any(String))
    expect(ids[1]).toBe(ids[0])
    expect(ids[2]).not.toBe(ids[0])
    expect(server.history.get(`nyx:${ids[2]}`)).toHaveLength(2)
  })

  it('General Bots: the first conversation takes the connection’s session; a second one is told it continues it', async () => {
    const server = await FakeGeneralBotsServer.start({ token: 'secret' })
    const t = await connect(server, generalBotsProtocol(), 'secret')
    const first = await t.say('one')
    expect(t.of('notice').map((n) => n.textCode)).toEqual([])
    await t.say('two', first)
    expect(t.of('notice').map((n) => n.textCode)).toEqual([])
    await t.say('another')
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['newConversationShared'])
    const sessions = server.framesWhere('type', 'message').map((r) => r.frame?.session_id)
    expect(new Set(sessions).size).toBe(1)
  })
})
