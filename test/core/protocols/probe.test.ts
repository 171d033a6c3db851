/**
 * Auto's probe against each fake at an address that does not name its protocol, and against
 * servers that speak none of them: it finds the right kind or says it cannot tell (never a wrong
 * guess), sends no chat message and no credential.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AddressInfo } from 'node:net'
import { classifyFrame, detectKind, probeKind } from '../../../src/main/core/protocols/probe'
import { FakeDextoServer, FakeGeneralBotsServer, FakeLexiconServer, FakeSymindxServer } from '../../fake-servers'
import { FakeAgentServer } from '../../support/fake-agent-server'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A WebSocket server on loopback that does what `onConnection` says. */
async function rawServer(onConnection: (ws: WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', onConnection)
  cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())))
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`
}

describe('probeKind against the fakes', () => {
  it('finds SYMindX at /ws (status_update), sending no chat', async () => {
    const server = await FakeSymindxServer.start()
    cleanups.push(() => server.stop())
    expect(await probeKind(server.url)).toEqual({ kind: 'symindx', how: 'probe' })
    expect(server.framesWhere('type', 'chat')).toEqual([])
  })

  it('finds a SYMindX that wants a token without sending one (its UNAUTHORIZED error is its own)', async () => {
    const server = await FakeSymindxServer.start({ token: 'secret' })
    cleanups.push(() => server.stop())
    expect(await probeKind(server.url)).toEqual({ kind: 'symindx', how: 'probe' })
  })

  it('finds General Bots at /ws without a token (its AUTH_FAILED error) and with one (session_created)', async () => {
    const server = await FakeGeneralBotsServer.start({ token: 't' })
    cleanups.push(() => server.stop())
    expect(await probeKind(server.url)).toEqual({ kind: 'generalbots', how: 'probe' })
    expect(await probeKind(server.urlWithToken())).toEqual({ kind: 'generalbots', how: 'probe' })
    expect(server.framesWhere('type', 'message')).toEqual([])
  })

  it('finds Dexto behind a proxy path (its {event} envelope), sending no message', async () => {
    const server = await FakeDextoServer.start({ path: '/agent' })
    cleanups.push(() => server.stop())
    expect(await probeKind(server.url)).toEqual({ kind: 'dexto', how: 'probe' })
    expect(server.framesWhere('type', 'message')).toEqual([])
  })

  it('finds Lexicon (event_type) when it is not at /ws/chat', async () => {
    // The fake lives at /ws/chat; probing it directly still shows what its first frames say.
    const server = await FakeLexiconServer.start()
    cleanups.push(() => server.stop())
    expect(await probeKind(server.url)).toEqual({ kind: 'lexicon', how: 'probe' })
  })

  it('finds a /v1/chat/stream server by its "Authentication required" error', async () => {
    const server = await FakeAgentServer.start()
    cleanups.push(() => server.stop())
    expect(await probeKind(server.url)).toEqual({ kind: 'dmp', how: 'probe' })
  })
})

describe('probeKind against servers it does not know', () => {
  it('cannot tell a server that echoes what it gets', async () => {
    const url = await rawServer((ws) => ws.on('message', (data) => ws.send(data.toString())))
    expect(await probeKind(url, { deadlineMs: 2_000 })).toMatchObject({ kind: undefined, why: 'unknown' })
  })

  it('cannot tell a server that sends its own frames and closes', async () => {
    const url = await rawServer((ws) => {
      ws.send(JSON.stringify({ type: 'hello', version: 3 }))
      ws.send('not json')
      ws.close(1000)
    })
    expect(await probeKind(url)).toMatchObject({ kind: undefined, why: 'unknown', detail: expect.stringContaining('closed') })
  })

  it('cannot tell a server that stays silent (the deadline is a last resort)', async () => {
    const url = await rawServer(() => undefined)
    expect(await probeKind(url, { deadlineMs: 300 })).toMatchObject({ kind: undefined, why: 'unknown' })
  })

  it('says unreachable when nothing listens', async () => {
    const url = await rawServer(() => undefined)
    await cleanups.pop()?.()
    expect(await probeKind(url)).toMatchObject({ kind: undefined, why: 'unreachable' })
  })

  it('says what HTTP answered instead of an upgrade', async () => {
    const server = await FakeSymindxServer.start()
    cleanups.push(() => server.stop())
    const found = await probeKind(server.url.replace('/ws', '/nothing'))
    expect(found).toMatchObject({ kind: undefined, why: 'unknown', detail: expect.stringContaining('HTTP 404') })
  })
})

describe('detectKind', () => {
  it('takes a chosen kind and a telling path without connecting', async () => {
    expect(await detectKind('dexto', 'ws://127.0.0.1:1/ws')).toEqual({ kind: 'dexto', how: 'chosen' })
    expect(await detectKind('auto', 'ws://127.0.0.1:1/v1/chat/stream')).toEqual({ kind: 'dmp', how: 'path' })
    expect(await detectKind('auto', 'ws://127.0.0.1:1/ws/chat')).toEqual({ kind: 'lexicon', how: 'path' })
  })

  it('probes an ambiguous path', async () => {
    const server = await FakeSymindxServer.start()
    cleanups.push(() => server.stop())
    expect(await detectKind('auto', server.url)).toEqual({ kind: 'symindx', how: 'probe' })
  })
})

describe('classifyFrame', () => {
  it('tells frames apart by their shape, and leaves shared ones undecided', () => {
    expect(classifyFrame({ type: 'error', data: { code: 'INVALID_MESSAGE', message: 'x' } })).toBe('symindx')
    expect(classifyFrame({ type: 'error', code: 'INVALID_FORMAT', message: 'x' })).toBe('generalbots')
    expect(classifyFrame({ type: 'error', error: 'Authentication required', code: null })).toBe('dmp')
    expect(classifyFrame({ event: 'error', data: { message: 'Unknown message type' } })).toBe('dexto')
    expect(classifyFrame({ event_type: 'error', error_code: 'AUTH_ERROR' })).toBe('lexicon')
    expect(classifyFrame({ type: 'ping' })).toBeUndefined()
    expect(classifyFrame({ type: 'pong' })).toBeUndefined()
    expect(classifyFrame({ type: 'status' })).toBeUndefined()
    expect(classifyFrame([1, 2])).toBeUndefined()
    expect(classifyFrame('error')).toBeUndefined()
  })
})
