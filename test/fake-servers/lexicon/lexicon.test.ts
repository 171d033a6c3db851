/** The Lexicon fake behaves as lexicon-websocket.md says, driven the way the guide's ChatClient does. */
import { afterEach, describe, expect, it } from 'vitest'
import { closeAllRaw, connectRaw, where, type RawClient } from '../shared/raw-client'
import { FakeLexiconServer } from './server'

let server: FakeLexiconServer | undefined
afterEach(async () => {
  closeAllRaw()
  await server?.stop()
  server = undefined
})

const event = (name: string) => where('event_type', name)
const API_KEY = 'test-api-key'

/** The guide's ChatClient.connect(): everything in the query string. */
async function chatClient(s: FakeLexiconServer, userId: string, chatId: string): Promise<RawClient> {
  return connectRaw(`${s.url}?api_key=${API_KEY}&user_id=${userId}&chat_id=${chatId}`)
}

async function createChat(s: FakeLexiconServer, body: unknown, headers: Record<string, string> = { 'X-API-Key': API_KEY }): Promise<Response> {
  return fetch(`${s.apiBase}/chats/`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
}

describe('FakeLexiconServer', () => {
  it('creates a chat over REST, then connects, saves the message and streams the answer', async () => {
    server = await FakeLexiconServer.start({ answer: () => [{ say: "I'd be happy to help you with your account!" }] })
    const created = await createChat(server, { user_id: 'user123', title: 'Support' })
    expect(created.status).toBe(201)
    const chat = (await created.json()) as { id: string; user_id: string; tenant_id: string }
    expect(chat).toMatchObject({ user_id: 'user123', tenant_id: 'tenant-fake', title: 'Support' })
    const c = await chatClient(server, 'user123', chat.id)
    expect(await c.next(event('connection_established'))).toMatchObject({ user_id: 'user123', chat_id: chat.id, tenant_id: 'tenant-fake' })
    expect(await c.next(event('user_created'))).toMatchObject({ user_id: 'user123' })
    c.send({ content: 'I need help with billing', metadata: { category: 'billing', urgency: 'high' } })
    const received = await c.next(event('message_received'))
    expect(received).toMatchObject({ chat_id: chat.id, user_id: 'user123', content: 'I need help with billing' })
    await c.next(event('message_stream_started'))
    const ended = await c.next(event('message_stream_ended'))
    expect(ended).toMatchObject({ chat_id: chat.id, user_id: 'user123', content: "I'd be happy to help you with your account!" })
    expect(ended.message_id).not.toBe(received.message_id)
    const tokens = c.frames.filter(event('message_stream_token'))
    expect(tokens.map((t) => t.token).join('')).toBe(ended.content)
    expect(c.frames.every((f) => Date.parse(String(f.timestamp)) > 0)).toBe(true)
    expect(server.chats.get(chat.id)?.messages.map((m) => [m.role, m.content, m.metadata])).toEqual([
      ['user', 'I need help with billing', { category: 'billing', urgency: 'high' }],
      ['assistant', ended.content, undefined],
    ])
    expect((await fetch(`${server.apiBase}/chats/${chat.id}`, { headers: { 'X-API-Key': API_KEY } })).status).toBe(200)
  })

  it('REST refuses a wrong key (401), no user (422), an unknown chat (404), and redirects the slashless path', async () => {
    server = await FakeLexiconServer.start()
    expect(await (await createChat(server, { user_id: 'u' }, { 'X-API-Key': 'nope' })).json()).toEqual({ detail: 'Invalid API key' })
    expect((await createChat(server, {})).status).toBe(422)
    expect((await createChat(server, {}, { 'X-API-Key': API_KEY, 'X-User-ID': 'u' })).status).toBe(201)
    expect((await fetch(`${server.apiBase}/chats/nope`, { headers: { 'X-API-Key': API_KEY } })).status).toBe(404)
    const slashless = await fetch(`${server.apiBase}/chats`, { method: 'POST', headers: { 'X-API-Key': API_KEY }, body: '{"user_id":"v"}' })
    expect(slashless.status).toBe(201)
    expect(server.httpRequests.map((r) => r.path).slice(-2)).toEqual(['/api/v1/chats', '/api/v1/chats/'])
  })

  it('takes the credentials from headers; a known user gets no user_created', async () => {
    server = await FakeLexiconServer.start()
    const chatId = server.createChat('user123')
    const first = await chatClient(server, 'user123', chatId)
    await first.next(event('user_created'))
    const c = await connectRaw(server.url, { headers: { 'X-API-Key': API_KEY, 'X-User-ID': 'user123', 'X-Chat-ID': chatId } })
    c.send({ type: 'ping' })
    await c.next(event('pong'))
    expect(c.frames.map((f) => f.event_type)).toEqual(['connection_established', 'pong'])
  })

  it('refuses bad credentials with the guide error events, fix text and close 1008', async () => {
    server = await FakeLexiconServer.start()
    const chatId = server.createChat('u')
    const refusal = async (url: string) => {
      const c = await connectRaw(url)
      const error = await c.next(event('error'))
      expect(await c.closed).toEqual({ code: 1008, reason: String(error.error_code) })
      return error
    }
    expect(await refusal(server.chatUrl({ apiKey: 'wrong', userId: 'u', chatId }))).toMatchObject({
      error_code: 'AUTH_ERROR',
      error_message: 'Invalid API key',
      details: { fix: 'Check your tenant API key value. Each tenant has a unique API key in the tenants table.' },
    })
    expect(await refusal(server.chatUrl({ apiKey: API_KEY, chatId }))).toMatchObject({
      error_code: 'AUTH_ERROR',
      error_message: 'Missing user_id parameter',
      details: { fix: 'Add user_id parameter: ?user_id=your_user_id or X-User-ID header' },
    })
    expect(await refusal(server.chatUrl({ apiKey: API_KEY, userId: 'u', chatId: 'uuid' }))).toMatchObject({
      error_code: 'CHAT_NOT_FOUND',
      error_message: "Chat with chat_id 'uuid' not found or does not belong to your tenant",
      details: { fix: 'Create the chat first using POST /api/v1/chats/ endpoint' },
    })
    expect((await refusal(server.chatUrl({ userId: 'u', chatId }))).error_code).toBe('AUTH_ERROR')
    expect((await refusal(server.chatUrl({ apiKey: API_KEY, userId: 'u' }))).error_code).toBe('AUTH_ERROR')
  })

  it('allows 10 messages a second per connection: the 11th gets RATE_LIMIT_EXCEEDED and is not saved', async () => {
    let now = 0
    server = await FakeLexiconServer.start({ now: () => now })
    const chatId = server.createChat('u')
    const c = await chatClient(server, 'u', chatId)
    for (let i = 0; i < 11; i++) c.send({ content: `m${i}` })
    expect(await c.next(event('error'))).toMatchObject({ error_code: 'RATE_LIMIT_EXCEEDED' })
    await server.waitUntil(() => server!.chats.get(chatId)!.messages.filter((m) => m.role === 'assistant').length === 10)
    expect(server.chats.get(chatId)!.messages.some((m) => m.content === 'm10')).toBe(false)
    now = 1000
    c.send({ content: 'later' })
    expect((await c.next((f) => f.event_type === 'message_stream_ended' && f.content === 'You said: later')).content).toBe('You said: later')
  })

  it('keeps the chat history across connections', async () => {
    server = await FakeLexiconServer.start({ answer: (m) => [{ say: `seen ${m.history.length}` }] })
    const chatId = server.createChat('u')
    const a = await chatClient(server, 'u', chatId)
    a.send({ content: 'one' })
    expect((await a.next(event('message_stream_ended'))).content).toBe('seen 0')
    a.ws.close()
    const b = await chatClient(server, 'u', chatId)
    b.send({ content: 'two' })
    expect((await b.next(event('message_stream_ended'))).content).toBe('seen 2')
  })

  it('faults: error frames, drop mid-stream, malformed frames both ways, never answering, idle close', async () => {
    server = await FakeLexiconServer.start({ answer: () => [{ say: 'Hmm' }, { fail: 'LLM_ERROR', message: 'model overloaded' }] })
    const chatId = server.createChat('u')
    const c = await chatClient(server, 'u', chatId)
    c.send({ content: 'x' })
    expect(await c.next(event('error'))).toMatchObject({ error_code: 'LLM_ERROR', error_message: 'model overloaded' })
    c.sendRaw('not json')
    expect(await c.next(event('error'))).toMatchObject({ error_code: 'INVALID_MESSAGE' })
    c.send({ metadata: {} })
    expect(await c.next(event('error'))).toMatchObject({ error_code: 'INVALID_MESSAGE', error_message: 'Missing content' })
    server.answer = () => [{ tool: 'x', args: {}, result: null }]
    c.send({ content: 'tool?' })
    expect(await c.next(event('error'))).toMatchObject({ error_code: 'FAKE_SCRIPT_ERROR', error_message: 'Lexicon has no tool frames' })

    server.dropMessages = true
    c.send({ content: 'lost' })
    c.send({ type: 'ping' })
    await c.next(event('pong'))
    expect(c.frames.slice(-2).map((f) => f.event_type)).toEqual(['message_received', 'pong'])

    server.dropMessages = false
    server.answer = () => [{ say: 'cut ' }, { raw: '{"event_type":' }, { drop: true }]
    c.send({ content: 'y' })
    await c.next((f) => f.unparsed === '{"event_type":')
    expect((await c.closed).code).toBe(1006)
    expect(c.frames.some(event('message_stream_ended'))).toBe(false)

    await server.stop()
    server = await FakeLexiconServer.start({ idleTimeoutMs: 30 })
    const idle = await chatClient(server, 'u2', server.createChat('u2'))
    expect(await idle.closed).toEqual({ code: 1000, reason: 'Idle timeout' })
  })
})
