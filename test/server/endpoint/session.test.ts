/**
 * Conformance, part 1: the session life (authorize, frames before it, ping/pong, malformed
 * frames) driven frame by frame with a raw client.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { parseServerFrame } from '../../../src/shared/protocol'
import { RawClient } from '../support/raw-client'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer | undefined
const clients: RawClient[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await server?.stop()
  server = undefined
})

async function connect(url: string): Promise<RawClient> {
  const client = await RawClient.connect(url)
  clients.push(client)
  return client
}

describe('authorize', () => {
  it('answers authorize_success with a connection id, and every frame carries id and timestamp null', async () => {
    server = await startTestServer()
    const client = await connect(server.url)
    client.send({ type: 'authorize', token: 'anything' })
    const ok = await client.waitFor((f) => f.type === 'authorize_success')
    expect(ok).toEqual({ type: 'authorize_success', connection_id: expect.stringMatching(/^[0-9a-f-]{36}$/), id: null, timestamp: null })
    expect(parseServerFrame(JSON.stringify(ok)).ok).toBe(true)
  })

  it('with a token set: the right token passes, a wrong one gets authorize_error and close 4001', async () => {
    server = await startTestServer({ token: 's3cret' })
    const good = await connect(server.url)
    good.send({ type: 'authorize', token: 's3cret' })
    await good.waitFor((f) => f.type === 'authorize_success')

    const bad = await connect(server.url)
    bad.send({ type: 'authorize', token: 's3cret-not' })
    const error = await bad.waitFor((f) => f.type === 'authorize_error')
    expect(error).toMatchObject({ error: expect.any(String), id: null, timestamp: null })
    expect(await bad.closed).toMatchObject({ code: 4001 })
  })

  it('refuses an empty token even without a configured token', async () => {
    server = await startTestServer()
    const client = await connect(server.url)
    client.send({ type: 'authorize', token: '  ' })
    await client.waitFor((f) => f.type === 'authorize_error')
    expect((await client.closed).code).toBe(4001)
  })

  it('ignores frames before authorize with "Authentication required" and keeps the session', async () => {
    server = await startTestServer()
    const client = await connect(server.url)
    client.send({ type: 'fetch_backgrounds' })
    client.send({ type: 'chat_message', content: 'hi', agent_id: 'a', user_id: 'u' })
    client.send('not json')
    await client.waitFor(() => client.frames.length >= 3)
    expect(client.frames).toEqual(Array(3).fill({ type: 'error', error: 'Authentication required', code: null, id: null, timestamp: null }))
    client.send({ type: 'authorize', token: 't' })
    await client.waitFor((f) => f.type === 'authorize_success')
    client.send({ type: 'fetch_backgrounds' })
    await client.waitFor((f) => f.type === 'background_files')
    expect(client.frames.some((f) => f.type === 'stream_start')).toBe(false)
  })

  it('closes a client that never authorizes', async () => {
    server = await startTestServer({ pingIntervalMs: 100, pongTimeoutMs: 50 })
    const client = await connect(server.url)
    expect((await client.closed).code).toBe(4001)
  })
})

describe('ping / pong', () => {
  it('pings at the interval and keeps a client that answers', async () => {
    // A pong timeout far longer than any stall of a loaded machine: the client (in this same process) answers each ping.
    server = await startTestServer({ pingIntervalMs: 60, pongTimeoutMs: 5_000 })
    const client = await RawClient.authorized(server.url)
    clients.push(client)
    client.ws.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'ping') client.send({ type: 'pong' })
    })
    await client.waitFor(() => client.frames.filter((f) => f.type === 'ping').length >= 4)
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
    expect(client.frames.find((f) => f.type === 'ping')).toEqual({ type: 'ping', id: null, timestamp: null })
  })

  it('closes with 4000 "Ping timeout" when a pong is missed', async () => {
    server = await startTestServer({ pingIntervalMs: 50, pongTimeoutMs: 30 })
    const client = await RawClient.authorized(server.url)
    clients.push(client)
    await client.waitFor((f) => f.type === 'ping')
    expect(await client.closed).toEqual({ code: 4000, reason: 'Ping timeout' })
  })
})

describe('malformed frames', () => {
  it('answers each with an error frame (code null) and keeps the session', async () => {
    server = await startTestServer()
    const client = await RawClient.authorized(server.url)
    clients.push(client)
    const from = client.frames.length
    client.send('{not json')
    client.send({ content: 'no type' })
    client.send({ type: 'dance' })
    client.send('[1,2]')
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    await client.waitFor(() => client.frames.length >= from + 5)
    const errors = client.frames.slice(from)
    expect(errors.map((f) => [f.type, f.error, f.code])).toEqual([
      ['error', 'Invalid JSON format', null],
      ['error', 'Missing message type', null],
      ['error', 'Unsupported message type: dance', null],
      ['error', 'Missing message type', null],
      ['error', expect.stringMatching(/binary/i), null],
    ])
    client.send({ type: 'fetch_avatar_configs' })
    await client.waitFor((f) => f.type === 'avatar_config_files')
  })

  it('reports chat_message without agent_id or user_id as code 400, with no stream', async () => {
    server = await startTestServer()
    const client = await RawClient.authorized(server.url)
    clients.push(client)
    const from = client.frames.length
    client.send({ type: 'chat_message', content: 'hi', agent_id: ' ', user_id: 'u' })
    client.send({ type: 'chat_message', content: 'hi', agent_id: 'a' })
    await client.waitFor(() => client.frames.length >= from + 2)
    client.send({ type: 'fetch_backgrounds' })
    await client.waitFor((f) => f.type === 'background_files')
    const seen = client.frames.slice(from)
    expect(seen.filter((f) => f.type === 'error').map((f) => f.code)).toEqual([400, 400])
    expect(seen.some((f) => f.type === 'stream_start')).toBe(false)
  })
})

describe('refused connections', () => {
  it('refuses other paths and other pages (loopback too), accepts same-origin and listed origins', async () => {
    server = await startTestServer({ allowedOrigins: ['app://mira'] })
    const other = new WebSocket(server.url.replace('/v1/chat/stream', '/v1/other'))
    await expect(new Promise((_, reject) => other.once('error', reject))).rejects.toThrow(/404/)
    const evil = new WebSocket(server.url, { headers: { Origin: 'https://evil.example' } })
    await expect(new Promise((_, reject) => evil.once('error', reject))).rejects.toThrow(/403/)
    const otherPort = new WebSocket(server.url, { headers: { Origin: 'http://localhost:5173' } })
    await expect(new Promise((_, reject) => otherPort.once('error', reject))).rejects.toThrow(/403/)
    expect(server.logs.some((line) => line.includes('refused a chat connection from origin http://localhost:5173'))).toBe(true)
    const same = await RawClient.connect(server.url, { Origin: `http://127.0.0.1:${server.port}` })
    const listed = await RawClient.connect(server.url, { Origin: 'app://mira' })
    clients.push(same, listed)
    expect(same.ws.readyState).toBe(WebSocket.OPEN)
    expect(listed.ws.readyState).toBe(WebSocket.OPEN)
  })
})
