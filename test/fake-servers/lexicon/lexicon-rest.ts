/**
 * The REST side of the Lexicon fake: just what the WebSocket guide names, `POST /api/v1/chats/`
 * (the chat must exist before connecting), plus `GET /api/v1/chats/{id}` to check one. The guide
 * gives neither body nor answer, so this assumes a FastAPI-style API: `X-API-Key` header (or
 * `api_key` query), JSON body `{user_id, title?}` (or `X-User-ID`), `201 {id, user_id, tenant_id,
 * title, created_at}`, errors `{detail}` with 401 / 404 / 422, and a 307 from the path without
 * its trailing slash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isObject, nonBlank, type Json } from '../shared/fake-hub'

export interface LexiconChat {
  id: string
  user_id: string
  tenant_id: string
  title: string
  created_at: string
  messages: { id: string; role: 'user' | 'assistant'; content: string; metadata?: Json }[]
}

export interface ChatsHost {
  readonly apiKey: string
  readonly chats: ReadonlyMap<string, LexiconChat>
  createChat(userId: string, title?: string): string
}

export function handleChatsRest(req: IncomingMessage, res: ServerResponse, body: string, host: ChatsHost): void {
  const url = new URL(req.url ?? '/', 'http://fake')
  const reply = (status: number, json: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
  }
  if (url.pathname === '/api/v1/chats') {
    res.writeHead(307, { location: `/api/v1/chats/${url.search}` }).end()
    return
  }
  const one = /^\/api\/v1\/chats\/([^/]+)\/?$/.exec(url.pathname)
  if (url.pathname !== '/api/v1/chats/' && !one) return reply(404, { detail: 'Not Found' })
  const key = req.headers['x-api-key'] ?? url.searchParams.get('api_key')
  if (key !== host.apiKey) return reply(401, { detail: 'Invalid API key' })
  if (one) {
    const chat = req.method === 'GET' ? host.chats.get(decodeURIComponent(one[1] ?? '')) : undefined
    if (req.method !== 'GET') return reply(405, { detail: 'Method Not Allowed' })
    if (!chat) return reply(404, { detail: 'Chat not found' })
    const { messages: _messages, ...summary } = chat
    return reply(200, summary)
  }
  if (req.method !== 'POST') return reply(405, { detail: 'Method Not Allowed' })
  let parsed: unknown
  try {
    parsed = body.trim() ? JSON.parse(body) : {}
  } catch {
    return reply(422, { detail: 'Body is not valid JSON' })
  }
  const fields = isObject(parsed) ? parsed : {}
  const userId = fields.user_id ?? req.headers['x-user-id']
  if (!nonBlank(userId)) return reply(422, { detail: 'user_id is required (body or X-User-ID header)' })
  const id = host.createChat(userId, nonBlank(fields.title) ? fields.title : undefined)
  const { messages: _messages, ...created } = host.chats.get(id)!
  reply(201, created)
}
