/**
 * The REST API under `/v1` (shared/protocol/chat-stream.md), on the chat socket's port.
 * Public files (backgrounds, Live2D models) and `/health` may be read by any page (`*` CORS);
 * TTS and the conversation history by no other page (only same-origin or listed origins), and with the
 * token as `Authorization: Bearer …` when one is set.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { bearerToken, tokenMatches } from '../access'
import { BACKGROUND_TYPES } from '../backgrounds/store'
import type { CompanionContext } from '../context'
import { messageOf } from '../../shared/errors'
import { HttpError, sendError, sendJson } from './respond'
import { handleChatHistory, handleSessions } from './routes/stm'
import { handleSynthesize } from './routes/tts'
import { handleTranscribe } from './routes/stt'
import { serveFile } from './static-files'

const LIVE2D_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json; charset=utf-8',
  '.moc3': 'application/octet-stream',
  // Cubism 2: the moc and its motions.
  '.moc': 'application/octet-stream',
  '.mtn': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.vrm': 'model/gltf-binary',
  '.glb': 'model/gltf-binary',
  '.vrma': 'model/gltf-binary',
}

type Access = 'public' | 'private'

interface Route {
  methods: readonly string[]
  access: Access
  handle(ctx: CompanionContext, req: IncomingMessage, res: ServerResponse, url: URL, rest: string): Promise<void> | void
}

const ROUTES: Array<{ match: RegExp; route: Route }> = [
  {
    match: /^\/v1\/health$/,
    route: {
      methods: ['GET', 'HEAD'],
      access: 'public',
      handle: (ctx, _req, res) =>
        sendJson(res, 200, {
          status: 'ok',
          brain: ctx.brain.describe(),
          tts: ctx.tts.describe(),
          stt: ctx.stt?.describe() ?? null,
          version: ctx.version,
          synthesis: ctx.synthesis.load,
        }),
    },
  },
  {
    match: /^\/v1\/bg\/([^/]+)$/,
    route: {
      methods: ['GET', 'HEAD'],
      access: 'public',
      handle: async (ctx, req, res, _url, rest) => {
        await ctx.layout.backgroundsReady
        return serveFile(req, res, ctx.layout.backgrounds, rest, BACKGROUND_TYPES)
      },
    },
  },
  {
    match: /^\/v1\/live2d\/(.+)$/,
    route: {
      methods: ['GET', 'HEAD'],
      access: 'public',
      handle: (ctx, req, res, _url, rest) => serveFile(req, res, ctx.layout.live2d, rest, LIVE2D_TYPES),
    },
  },
  {
    match: /^\/v1\/tts\/synthesize$/,
    route: { methods: ['POST'], access: 'private', handle: (ctx, req, res) => handleSynthesize(ctx, req, res) },
  },
  {
    match: /^\/v1\/stt\/transcribe$/,
    route: { methods: ['POST'], access: 'private', handle: (ctx, req, res, url) => handleTranscribe(ctx, req, res, url) },
  },
  {
    match: /^\/v1\/stm\/sessions$/,
    route: { methods: ['GET'], access: 'private', handle: (ctx, _req, res, url) => handleSessions(ctx, url.searchParams, res) },
  },
  {
    match: /^\/v1\/stm\/chat-history$/,
    route: { methods: ['GET'], access: 'private', handle: (ctx, _req, res, url) => handleChatHistory(ctx, url.searchParams, res) },
  },
]

function findRoute(pathname: string): { route: Route; rest: string } | undefined {
  for (const { match, route } of ROUTES) {
    const m = match.exec(pathname)
    if (m) return { route, rest: m[1] ?? '' }
  }
  return undefined
}

/** Sets CORS headers; returns false when a browser page may not use this route. */
function applyCors(ctx: CompanionContext, req: IncomingMessage, res: ServerResponse, access: Access): boolean {
  const origin = req.headers.origin
  if (access === 'public') {
    res.setHeader('Access-Control-Allow-Origin', '*')
    return true
  }
  res.setHeader('Vary', 'Origin')
  if (origin === undefined) return true
  if (!ctx.access.originAllowed(origin, req.headers.host)) return false
  res.setHeader('Access-Control-Allow-Origin', origin)
  return true
}

export function createRequestHandler(ctx: CompanionContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    void route(ctx, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error.status, error.message)
      ctx.log(`http: ${req.method} ${req.url}: ${messageOf(error)}`)
      sendError(res, 500, 'Internal server error')
    })
  }
}

async function route(ctx: CompanionContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!ctx.access.hostAllowed(req.headers.host)) throw new HttpError(403, 'Invalid Host header')
  const url = new URL(req.url ?? '/', 'http://companion.invalid')
  const found = findRoute(url.pathname)
  if (!found) throw new HttpError(404, 'Not Found')
  const { route, rest } = found
  const method = req.method ?? 'GET'
  if (method === 'OPTIONS') {
    if (!applyCors(ctx, req, res, route.access)) throw new HttpError(403, 'Origin not allowed')
    res.writeHead(204, {
      'Access-Control-Allow-Methods': [...route.methods, 'OPTIONS'].join(', '),
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      'Access-Control-Max-Age': '600',
      ...(req.headers['access-control-request-private-network'] === 'true' ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
    })
    res.end()
    return
  }
  if (!route.methods.includes(method)) {
    res.setHeader('Allow', [...route.methods, 'OPTIONS'].join(', '))
    throw new HttpError(405, 'Method Not Allowed')
  }
  if (!applyCors(ctx, req, res, route.access)) throw new HttpError(403, 'Origin not allowed')
  if (route.access === 'private' && ctx.token !== undefined && !tokenMatches(ctx.token, bearerToken(req.headers.authorization) ?? '')) {
    throw new HttpError(401, 'Unauthorized: send the server token as "Authorization: Bearer <token>"')
  }
  await route.handle(ctx, req, res, url, rest)
}
