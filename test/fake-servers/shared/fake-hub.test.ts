/** What every fake shares: the recorder, server-side faults, restart, and the answer-script steps. */
import { afterEach, describe, expect, it } from 'vitest'
import { FakeDextoServer } from '../dexto/server'
import { FakeGeneralBotsServer } from '../generalbots/server'
import { closeAllRaw, connectRaw, type RawClient } from './raw-client'

const servers: { stop(): Promise<void> }[] = []
afterEach(async () => {
  closeAllRaw()
  for (const s of servers.splice(0)) await s.stop()
})

async function dexto(...args: Parameters<typeof FakeDextoServer.start>): Promise<FakeDextoServer> {
  const server = await FakeDextoServer.start(...args)
  servers.push(server)
  return server
}

const event = (name: string) => (f: Record<string, unknown>) => f.event === name

async function session(s: FakeGeneralBotsServer): Promise<{ c: RawClient; id: string }> {
  const c = await connectRaw(s.urlWithToken())
  return { c, id: String((await c.next((f) => f.type === 'session_created')).session_id) }
}

describe('fake hub', () => {
  it('records every frame, parsed or not, per connection, and waits for one', async () => {
    const server = await dexto()
    const a = await connectRaw(server.url)
    const b = await connectRaw(server.url)
    a.sendRaw('plain text')
    b.sendRaw(Buffer.from([0xff]))
    b.send({ type: 'reset' })
    const reset = await server.waitForFrame((r) => r.frame?.type === 'reset')
    expect(reset.connection).toBe(1)
    expect(server.received.map((r) => [r.connection, r.frame, r.binary])).toEqual([
      [0, undefined, false],
      [1, undefined, true],
      [1, { type: 'reset' }, false],
    ])
    expect(server.received[0]?.raw).toBe('plain text')
    await expect(server.waitForFrame((r) => r.frame?.type === 'never', 20)).rejects.toThrow(/no matching frame/)
  })

  it('sends test frames, closes with a code, drops, goes half-open, and restarts on the same port', async () => {
    const server = await dexto()
    const a = await connectRaw(server.url)
    expect(server.send({ event: 'thinking', data: {} })).toBe(1)
    await a.next(event('thinking'))
    server.closeAll(1001, 'going away')
    expect(await a.closed).toEqual({ code: 1001, reason: 'going away' })
    const b = await connectRaw(server.url)
    await server.waitUntil(() => server.activeConnections === 1)
    server.goHalfOpen()
    expect(server.send('x')).toBe(0)
    server.dropAll()
    expect((await b.closed).code).toBe(1006)
    const url = server.url
    await server.restart()
    expect(server.url).toBe(url)
    await connectRaw(server.url)
    expect(server.connectionCount).toBe(3)
    expect(server.closes.map((c) => c.code)).toEqual([1001, 1006])
  })
})

describe('answer scripts', () => {
  it('end replaces the authoritative text; frame, delay and close steps run in order', async () => {
    const server = await dexto({
      answer: () => [{ say: 'draft' }, { delayMs: 5 }, { frame: { event: 'custom', data: { n: 1 } } }, { end: { content: 'final' } }, { say: 'ignored' }],
    })
    const c = await connectRaw(server.url)
    c.send({ type: 'message', content: 'x', stream: true })
    expect((await c.next(event('response'))).data).toEqual({ content: 'final' })
    expect(c.frames.map((f) => f.event)).toEqual(['thinking', 'chunk', 'custom', 'response'])
    server.answer = () => [{ tokens: ['a', 'b'], delayMs: 1 }, { close: 4000, reason: 'bye' }]
    c.send({ type: 'message', content: 'y', stream: true })
    expect(await c.closed).toEqual({ code: 4000, reason: 'bye' })
    expect(c.frames.filter(event('chunk')).map((f) => (f.data as { content: string }).content)).toEqual(['draft', 'a', 'b'])
  })

  it('a script that throws ends the turn with FAKE_SCRIPT_ERROR; a half-open step silences the socket', async () => {
    const bots = await FakeGeneralBotsServer.start({
      answer: () => {
        throw new Error('bad script')
      },
    })
    servers.push(bots)
    const { c, id } = await session(bots)
    c.send({ type: 'message', session_id: id, content: 'x' })
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'FAKE_SCRIPT_ERROR', message: 'bad script' })
    bots.answer = () => [{ say: 'almost' }, { halfOpen: true }]
    c.send({ type: 'message', session_id: id, content: 'y' })
    await c.next((f) => f.type === 'stream_chunk')
    expect(bots.send({ type: 'pong' })).toBe(0)
  })
})
