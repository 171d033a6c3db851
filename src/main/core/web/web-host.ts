/**
 * Web mode: a loopback HTTP server that serves the built renderer and bridges the host API to it
 * over a WebSocket. Only a page holding the per-launch key (its session cookie, web-session.ts),
 * loaded from this very origin, may open the bridge; anything else gets 403.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { buildCsp } from '../../../shared/csp'
import { WEB_BRIDGE_PATH } from '../../../shared/host/web-bridge'
import type { HostCore } from '../host/dispatch'
import { Bridge } from './bridge'
import { WebSession } from './web-session'
import { serveStatic } from './static-files'
import { serveLocalBackground } from './local-backgrounds'
import { LOCAL_BACKGROUNDS_WEB_PATH } from '../../../shared/background-image'
import { LOCAL_CHARACTERS_WEB_PATH } from '../../../shared/avatar/files'
import { messageOf } from '../../../shared/errors'

export interface WebHostOptions {
  core: HostCore
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** Default: 32 random bytes, base64url. */
  key?: string
  /** REST origin of the agent server in use, for img/media/connect-src. Read on every page load. */
  cspServerOrigin?: () => string | undefined
  log?: (line: string) => void
}

export interface WebHost {
  /** The address to open, with its one-time code: `http://127.0.0.1:N/?code=…` (useless once opened). */
  url: string
  origin: string
  port: number
  close(): Promise<void>
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', ''])

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host)

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  const key = options.key ?? randomBytes(32).toString('base64url')
  const log = options.log ?? ((line: string) => console.error(`[mira web] ${line}`))
  const bridge = new Bridge({ core: options.core, log })

  let allowedHosts = new Set<string>()
  // Set once the port is known (the cookie is named after it).
  let session: WebSession | undefined = undefined
  const wildcard = WILDCARD_HOSTS.has(host)
  // Host header check: a DNS-rebinding page (evil.example → 127.0.0.1) gets nothing, not even the app.
  const hostAllowed = (req: IncomingMessage): boolean => wildcard || allowedHosts.has(req.headers.host ?? '')
  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin
    if (!origin) return false
    if (wildcard) return origin === `http://${req.headers.host ?? ''}`
    return [...allowedHosts].some((h) => origin === `http://${h}`)
  }

  const securityHeaders = (res: ServerResponse): void => {
    const connect = [...allowedHosts].map((h) => `ws://${h}`)
    res.setHeader('Content-Security-Policy', buildCsp({ serverOrigin: options.cspServerOrigin?.(), connect }))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  }

  const server = createServer((req, res) => {
    securityHeaders(res)
    if (!hostAllowed(req)) return refuse(res, 421, 'Misdirected request')
    if (!session) return refuse(res, 503, 'Starting')
    const url = new URL(req.url ?? '/', 'http://host')
    if (url.pathname === WEB_BRIDGE_PATH) {
      // A plain GET lets a page whose bridge socket failed tell "host down" from "key no longer valid".
      return session.admits(req, url) ? refuse(res, 426, 'Upgrade required') : refuse(res, 403, 'Forbidden')
    }
    if (url.searchParams.has('code')) {
      // The printed address: its code becomes the session cookie (once), and leaves the address.
      const cookie = session.redeem(url.searchParams.get('code'))
      url.searchParams.delete('code')
      res.writeHead(303, { Location: url.pathname + url.search, 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) })
      return res.end()
    }
    const served = url.pathname.startsWith(LOCAL_BACKGROUNDS_WEB_PATH)
      ? serveLocalBackground(options.core.localBackgrounds, req, url.pathname, res)
      : url.pathname.startsWith(LOCAL_CHARACTERS_WEB_PATH)
        ? serveLocalBackground(options.core.localCharacters, req, url.pathname, res)
        : serveStatic(options.rendererDir, req, res)
    served.catch((error: unknown) => {
      log(`static: ${messageOf(error)}`)
      if (!res.headersSent) refuse(res, 500, 'Internal error')
      else res.destroy()
    })
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://host')
    if (url.pathname !== WEB_BRIDGE_PATH) return rejectUpgrade(socket, 404, 'Not Found')
    if (!hostAllowed(req) || !originAllowed(req) || !session?.admits(req, url)) {
      log(`bridge refused (origin ${req.headers.origin ?? 'none'})`)
      return rejectUpgrade(socket, 403, 'Forbidden')
    }
    bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req))
  })
  server.on('clientError', (_error, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const own = wildcard ? '127.0.0.1' : urlHost(host)
  allowedHosts = new Set([`${own}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`])
  const origin = `http://${own}:${port}`
  const opened = new WebSession(key, port)
  session = opened

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    await bridge.close()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return {
    url: `${origin}/?code=${opened.openCode}`,
    origin,
    port,
    close: () => (closing ??= close()),
  }
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
