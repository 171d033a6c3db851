/** ChatLink's frames (bad ones, a flood) and its reasons for failing to connect. */
import { createServer, type Server, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { ServerFrameOf } from '../../../src/shared/protocol'
import { longAnswer, longAnswerText } from '../../support/fake-agent-server'
import { chat, makeLink, readyLink, startServer, useLinkCleanup } from './harness'

useLinkCleanup()

describe('ChatLink: frames', () => {
  it('reports malformed, binary and unknown frames as bad frames and stays ready', async () => {
    const { server, link, probe } = await readyLink()
    server.send('not json')
    server.send(Buffer.from([1, 2, 3]))
    server.send({ type: 'mystery', x: 1 })
    server.send({ type: 'stream_token' }) // no chunk
    server.send('[1,2]')
    server.send('{"no":"type"}')
    server.send({ type: 'stream_token', chunk: 'ok', node: null, brand_new_field: true })
    await probe.waitFor(() => probe.frames.length === 1)
    expect(probe.badFrames.map((b) => b.reason)).toEqual(['not-json', 'binary', 'unknown-type', 'invalid', 'not-object', 'missing-type'])
    expect(probe.badFrames[2]).toMatchObject({ frameType: 'mystery', message: 'Unknown frame type "mystery"' })
    expect(probe.frames[0]).toMatchObject({ type: 'stream_token', chunk: 'ok', brand_new_field: true })
    expect(link.status.state).toBe('ready')
    expect(probe.lost).toEqual([])

    link.send(chat('still works'))
    await probe.waitFor(() => probe.frames.some((f) => f.type === 'stream_end'))
  })

  it('delivers a 10 000-token answer complete and in order', async () => {
    const { server, link, probe } = await readyLink({ answer: longAnswer(10_000) })
    link.send(chat('long'))
    await probe.waitFor(() => probe.frames.some((f) => f.type === 'stream_end'), 15_000)
    const tokens = probe.frames.filter((f): f is ServerFrameOf<'stream_token'> => f.type === 'stream_token')
    expect(tokens).toHaveLength(10_000)
    expect(tokens.map((t) => t.chunk).join('')).toBe(longAnswerText(10_000))
    expect(tokens.every((t) => t.turn_id === undefined && t.node === undefined)).toBe(true)
    const end = probe.frames.at(-1)
    expect(end).toMatchObject({ type: 'stream_end', content: longAnswerText(10_000) })
    expect(probe.frames[0]?.type).toBe('stream_start')
    expect(probe.frames.filter((f) => f.type === 'tts_ready_chunk')).toHaveLength(20)
    expect(probe.badFrames).toEqual([])
    expect(server.connectionCount).toBe(1)
  })

  it('passes the error frames of the protocol through', async () => {
    const { link, probe } = await readyLink()
    link.send({ type: 'interrupt_stream' })
    link.send({ type: 'switch_avatar_config', file: 'missing.yaml' })
    await probe.waitFor(() => probe.frames.length === 2)
    expect(probe.frames).toEqual([
      { type: 'error', error: 'No active turns to interrupt', code: 4004, id: null, timestamp: null },
      { type: 'error', error: 'Config file not found: missing.yaml', code: null, id: null, timestamp: null },
    ])
  })
})

describe('ChatLink: failing to connect', () => {
  it('names a refused connection', async () => {
    const server = await startServer()
    const url = server.url
    await server.stop()
    const { link, probe } = makeLink(url, { autoReconnect: false })
    link.start()
    const offline = await probe.waitForState('offline')
    expect(offline.reason).toBe(`Cannot reach ${new URL(url).host} (connection refused)`)
    expect(offline).toMatchObject({ reasonCode: 'linkUnreachable', reasonParams: { host: new URL(url).host, cause: 'ECONNREFUSED' } })
    expect(probe.lost).toEqual([]) // nothing had opened
  })

  it('names a server that is not an agent server (HTTP 404)', async () => {
    const server = await startServer()
    const { link, probe } = makeLink(server.url.replace('/v1/chat/stream', '/elsewhere'), { autoReconnect: false })
    link.start()
    const offline = await probe.waitForState('offline')
    expect(offline.reason).toMatch(/^127\.0\.0\.1:\d+ answered HTTP 404 instead of opening the chat stream/)
    expect(offline).toMatchObject({ reasonCode: 'linkNotAgentServer', reasonParams: { status: 404 } })
  })

  it('gives up opening after connectTimeoutMs when the peer never answers the handshake', async () => {
    const held: Socket[] = []
    const tcp: Server = createServer((socket) => held.push(socket))
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
    const port = (tcp.address() as { port: number }).port
    try {
      const { link, probe } = makeLink(`ws://127.0.0.1:${port}/v1/chat/stream`, { connectTimeoutMs: 100, autoReconnect: false })
      link.start()
      const offline = await probe.waitForState('offline')
      expect(offline.reason).toBe(`Cannot reach 127.0.0.1:${port} (no answer within 0.1 s)`)
      expect(offline).toMatchObject({ reasonCode: 'linkConnectTimeout', reasonParams: { host: `127.0.0.1:${port}`, seconds: 0.1 } })
    } finally {
      for (const socket of held) socket.destroy()
      await new Promise((resolve) => tcp.close(resolve))
    }
  })

  it('gives up authorizing after authorizeTimeoutMs and retries', async () => {
    const server = await startServer({ authorizeDelayMs: 60_000 }) // opens, then keeps silent
    const { link, probe } = makeLink(server.url, { authorizeTimeoutMs: 100 })
    link.start()
    const waiting = await probe.waitForState('reconnecting')
    expect(waiting.reason).toBe(`${new URL(server.url).host} did not answer authorize within 0.1 s`)
    expect(waiting).toMatchObject({ reasonCode: 'linkAuthorizeTimeout', reasonParams: { seconds: 0.1 } })
    expect(probe.lost).toEqual([{ reason: waiting.reason }])
    await probe.waitForNth('authorizing', 2)
    await server.waitUntil(() => server.framesOfType('authorize').length === 2)
  })
})
