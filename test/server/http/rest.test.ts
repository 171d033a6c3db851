/** The REST API: health, CORS and Host rules, the token on private routes, STM. */
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { scriptedBrain, tokens } from '../support/brains'
import { RawClient } from '../support/raw-client'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

/** A raw request, so tests can send any Host header. */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('REST basics', () => {
  it('GET /v1/health reports status, brain, tts, version and the synthesis load', async () => {
    server = await startTestServer({ version: '9.9.9' })
    const res = await fetch(`${server.restBase}/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.json()).toEqual({ status: 'ok', brain: 'offline demo (rule-based, no language model)', tts: 'fake tts', stt: null, version: '9.9.9', synthesis: { running: 0, waiting: 0 } })
  })

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    server = await startTestServer()
    expect((await fetch(`${server.restBase}/nope`)).status).toBe(404)
    expect((await fetch(`${server.restBase.replace('/v1', '')}/health`)).status).toBe(404)
    const wrong = await fetch(`${server.restBase}/tts/synthesize`)
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toContain('POST')
  })

  it('refuses Host headers that are not loopback names (DNS rebinding)', async () => {
    server = await startTestServer()
    const url = `${server.restBase}/health`
    expect(await rawGet(url, { Host: 'evil.example:5500' })).toBe(403)
    expect(await rawGet(url, { Host: `localhost:${server.port}` })).toBe(200)
  })
})

describe('CORS', () => {
  it('answers a preflight from a listed origin with the origin, methods and headers', async () => {
    server = await startTestServer({ allowedOrigins: ['http://127.0.0.1:5173'] })
    const res = await fetch(`${server.restBase}/tts/synthesize`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
  })

  it('refuses a page on another loopback port the sessions, the history and TTS, even without a token', async () => {
    server = await startTestServer()
    const page = { Origin: 'http://127.0.0.1:8080' }
    for (const path of ['/stm/sessions?user_id=u&agent_id=a', '/stm/chat-history?user_id=u&agent_id=a&session_id=s']) {
      const read = await fetch(`${server.restBase}${path}`, { headers: page })
      expect(read.status, path).toBe(403)
      expect(read.headers.get('access-control-allow-origin'), path).toBeNull()
    }
    const preflight = await fetch(`${server.restBase}/tts/synthesize`, { method: 'OPTIONS', headers: { ...page, 'Access-Control-Request-Method': 'POST' } })
    expect(preflight.status).toBe(403)
    const speak = await fetch(`${server.restBase}/tts/synthesize`, {
      method: 'POST',
      headers: { ...page, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    })
    expect(speak.status).toBe(403)
    // Public files stay readable by any page; a request without Origin (Mira's core, the CLI) is not a page.
    const health = await fetch(`${server.restBase}/health`, { headers: page })
    expect(health.headers.get('access-control-allow-origin')).toBe('*')
    expect((await fetch(`${server.restBase}/stm/sessions?user_id=u&agent_id=a`)).status).toBe(200)
  })

  it('refuses private routes to foreign origins, and allows listed ones', async () => {
    server = await startTestServer({ allowedOrigins: ['app://mira'] })
    const preflight = await fetch(`${server.restBase}/stm/sessions`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    })
    expect(preflight.status).toBe(403)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const read = await fetch(`${server.restBase}/stm/sessions?user_id=u&agent_id=a`, { headers: { Origin: 'https://evil.example' } })
    expect(read.status).toBe(403)
    const listed = await fetch(`${server.restBase}/stm/sessions?user_id=u&agent_id=a`, { headers: { Origin: 'app://mira' } })
    expect(listed.status).toBe(200)
    expect(listed.headers.get('access-control-allow-origin')).toBe('app://mira')
  })
})

describe('token on private routes', () => {
  it('requires Authorization: Bearer <token> for STM and TTS when a token is set, not for public files', async () => {
    server = await startTestServer({ token: 'tok' })
    const url = `${server.restBase}/stm/sessions?user_id=u&agent_id=a`
    expect((await fetch(url)).status).toBe(401)
    expect((await fetch(url, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await fetch(url, { headers: { Authorization: 'Bearer tok' } })).status).toBe(200)
    const tts = await fetch(`${server.restBase}/tts/synthesize`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"hi"}' })
    expect(tts.status).toBe(401)
    expect((await fetch(`${server.restBase}/health`)).status).toBe(200)
  })
})

describe('STM', () => {
  it('lists sessions per user and agent and returns the chat history with limit', async () => {
    server = await startTestServer({ brain: scriptedBrain((input) => tokens(`Reply to ${input.messages.at(-1)!.content}.`)) })
    const client = await RawClient.authorized(server.url)
    const run = async (frame: Record<string, unknown>): Promise<string> => {
      const from = client.frames.length
      client.send({ type: 'chat_message', agent_id: 'mira', user_id: 'ann', ...frame })
      return String((await client.waitFor((f) => f.type === 'stream_end', { from })).conversation_id)
    }
    const first = await run({ content: 'first question\nsecond line' })
    await run({ content: 'again', conversation_id: first })
    const second = await run({ content: 'other', metadata: { title: 'My title' } })
    await run({ content: 'not ann', user_id: 'bob' })
    await client.close()

    const sessions = (await (await fetch(`${server.restBase}/stm/sessions?user_id=ann&agent_id=mira`)).json()) as {
      sessions: Array<Record<string, unknown>>
    }
    expect(sessions.sessions.map((s) => [s.session_id, (s.metadata as { title?: string }).title])).toEqual([
      [second, 'My title'],
      [first, 'first question'],
    ])
    expect(sessions.sessions[0]).toEqual({
      session_id: second,
      user_id: 'ann',
      agent_id: 'mira',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      metadata: { title: 'My title' },
    })

    const history = await fetch(`${server.restBase}/stm/chat-history?user_id=ann&agent_id=mira&session_id=${first}&limit=3`)
    expect(await history.json()).toEqual({
      session_id: first,
      messages: [
        { role: 'assistant', content: 'Reply to first question\nsecond line.' },
        { role: 'user', content: 'again' },
        { role: 'assistant', content: 'Reply to again.' },
      ],
    })
    expect((await fetch(`${server.restBase}/stm/chat-history?user_id=bob&agent_id=mira&session_id=${first}`)).status).toBe(404)
    expect((await fetch(`${server.restBase}/stm/sessions?user_id=ann`)).status).toBe(422)
    expect((await fetch(`${server.restBase}/stm/chat-history?user_id=ann&agent_id=mira&session_id=${first}&limit=-1`)).status).toBe(422)
  })
})
