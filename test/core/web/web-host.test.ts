import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startWebHost, type WebHost } from '../../../src/main/core/web'
import { webHostMessageSchema, type WebHostMessage } from '../../../src/shared/host/web-bridge'
import { createStubCore, type StubCore } from './stub-core'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request with the path sent verbatim (fetch would normalize `..` away). */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}

const KEY = 'k'.repeat(43)

let dir: string
let rendererDir: string
let core: StubCore
let host: WebHost
const sockets: WebSocket[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-web-'))
  rendererDir = join(dir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Mira</title>')
  await writeFile(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'app-1234.css'), 'body{}')
  await writeFile(join(dir, 'secret.txt'), 'SECRET')
  await symlink(join(dir, 'secret.txt'), join(rendererDir, 'leak.txt'))
  core = createStubCore()
  host = await startWebHost({ core, rendererDir, key: KEY, cspServerOrigin: () => 'http://127.0.0.1:5500', log: () => {} })
})

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

function connect(options: { key?: string | null; origin?: string | null; cookie?: string } = {}): Promise<WebSocket> {
  const key = options.key === undefined ? (options.cookie ? null : KEY) : options.key
  const origin = options.origin === undefined ? host.origin : options.origin
  const query = key === null ? '' : `?key=${encodeURIComponent(key)}`
  const headers = options.cookie ? { Cookie: options.cookie } : {}
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge${query}`, { headers, ...(origin === null ? {} : { origin }) })
  sockets.push(ws)
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

/** Collects parsed bridge messages; `next(pred)` resolves with the first match. */
function inbox(ws: WebSocket) {
  const messages: WebHostMessage[] = []
  const waiters: { pred: (m: WebHostMessage) => boolean; resolve: (m: WebHostMessage) => void }[] = []
  ws.on('message', (data) => {
    const message = webHostMessageSchema.parse(JSON.parse(String(data)))
    messages.push(message)
    for (const w of [...waiters]) {
      if (w.pred(message)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(message)
      }
    }
  })
  return {
    messages,
    next(pred: (m: WebHostMessage) => boolean): Promise<WebHostMessage> {
      const found = messages.find(pred)
      if (found) return Promise.resolve(found)
      return new Promise((resolve) => waiters.push({ pred, resolve }))
    },
  }
}

const byId = (id: number) => (m: WebHostMessage) => m.kind !== 'events' && m.id === id

describe('static serving', () => {
  it('serves index.html for / with the security headers', async () => {
    const res = await raw(host.port, '/?key=abc')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Mira</title>')
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-frame-options']).toBe('DENY')
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toMatch(new RegExp(`connect-src [^;]*ws://127\\.0\\.0\\.1:${host.port}`))
    expect(csp).toMatch(/img-src [^;]*http:\/\/127\.0\.0\.1:5500/)
  })

  it('serves assets with their content types, and HEAD without a body', async () => {
    const js = await raw(host.port, '/assets/app-1234.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['x-content-type-options']).toBe('nosniff')
    expect(js.body).toBe('console.log(1)')
    const css = await raw(host.port, '/assets/app-1234.css', { method: 'HEAD' })
    expect(css.status).toBe(200)
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(css.body).toBe('')
  })

  it('lists no directories, refuses other methods and answers 404 for missing files', async () => {
    expect((await raw(host.port, '/assets/')).status).toBe(404)
    expect((await raw(host.port, '/assets')).status).toBe(404)
    expect((await raw(host.port, '/nope.js')).status).toBe(404)
    expect((await raw(host.port, '/', { method: 'POST' })).status).toBe(405)
  })

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/leak.txt', '/%00'])(
    'refuses the traversal %s',
    async (path) => {
      const res = await raw(host.port, path)
      expect([400, 404]).toContain(res.status)
      expect(res.body).not.toContain('SECRET')
    },
  )

  it('answers 503 with a hint when the renderer is not built', async () => {
    await rm(join(rendererDir, 'index.html'))
    const res = await raw(host.port, '/')
    expect(res.status).toBe(503)
    expect(res.body).toContain('run npm run build')
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await raw(host.port, '/', { headers: { Host: `evil.example:${host.port}` } })
    expect(res.status).toBe(421)
    expect((await raw(host.port, '/', { headers: { Host: `localhost:${host.port}` } })).status).toBe(200)
  })
})

describe('bridge access', () => {
  it('opens with the key and the own origin (127.0.0.1 or localhost)', async () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?code=[\\w-]{32}$`))
    expect(host.url).not.toContain(KEY)
    await expect(connect()).resolves.toBeInstanceOf(WebSocket)
    await expect(connect({ origin: `http://localhost:${host.port}` })).resolves.toBeInstanceOf(WebSocket)
  })

  it.each([
    ['a wrong key', { key: 'x'.repeat(43) }],
    ['a missing key', { key: null }],
    ['an empty key', { key: '' }],
    ['a foreign origin', { origin: 'http://evil.example' }],
    ['another local port', { origin: 'http://127.0.0.1:1' }],
    ['no origin', { origin: null }],
  ])('refuses %s with 403', async (_name, options) => {
    await expect(connect(options)).rejects.toThrow('HTTP 403')
  })

  it('exchanges the printed address\'s one-time code for an HttpOnly, SameSite=Strict cookie of this port', async () => {
    const path = new URL(host.url).pathname + new URL(host.url).search
    const first = await raw(host.port, path)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    expect(first.headers['set-cookie']).toEqual([`mira-session-${host.port}=${KEY}; HttpOnly; SameSite=Strict; Path=/`])
    const cookie = `other=1; mira-session-${host.port}=${KEY}`
    await expect(connect({ cookie })).resolves.toBeInstanceOf(WebSocket)
    expect((await raw(host.port, '/bridge', { headers: { Cookie: cookie } })).status).toBe(426)

    // Opened again (from the browser's history): nothing more.
    const again = await raw(host.port, path)
    expect(again.status).toBe(303)
    expect(again.headers['set-cookie']).toBeUndefined()
    await expect(connect({ cookie: `mira-session-${host.port}=${'x'.repeat(43)}` })).rejects.toThrow('HTTP 403')
    await expect(connect({ cookie: `mira-session-1=${KEY}` })).rejects.toThrow('HTTP 403')
    await expect(connect({ cookie, origin: 'http://127.0.0.1:1' })).rejects.toThrow('HTTP 403')
  })

  it('tells a stale key from a live one on a plain GET', async () => {
    expect((await raw(host.port, `/bridge?key=${KEY}`)).status).toBe(426)
    expect((await raw(host.port, '/bridge?key=stale')).status).toBe(403)
  })
})

describe('bridge commands and events', () => {
  it('runs a command through dispatchCommand and answers by id', async () => {
    const ws = await connect()
    const box = inbox(ws)
    ws.send(JSON.stringify({ id: 7, command: 'sendMessage', request: { text: 'hello' } }))
    const reply = await box.next(byId(7))
    expect(reply).toMatchObject({ kind: 'result', id: 7, response: { text: 'hello', state: 'queued', conversationKey: 'c1' } })
    expect(core.calls).toEqual([{ command: 'sendMessage', request: { text: 'hello' } }])
    ws.send(JSON.stringify({ id: 8, command: 'getAppInfo' }))
    expect(await box.next(byId(8))).toMatchObject({ kind: 'result', response: { name: 'Mira', transport: 'web' } })
  })

  it('answers an invalid payload, an unknown command and a failing handler with error replies', async () => {
    const ws = await connect()
    const box = inbox(ws)
    ws.send(JSON.stringify({ id: 1, command: 'sendMessage', request: { text: '   ' } }))
    ws.send(JSON.stringify({ id: 2, command: 'formatDisk' }))
    ws.send(JSON.stringify({ id: 3, command: 'retryMessage', request: { id: 'm1' } }))
    ws.send(JSON.stringify({ id: 4, command: 'synthesize', request: { text: 'hi' } }))
    expect(await box.next(byId(1))).toMatchObject({ kind: 'error', error: { code: 'invalid-request' } })
    expect(await box.next(byId(2))).toMatchObject({ kind: 'error', error: { code: 'invalid-request' } })
    expect(await box.next(byId(3))).toMatchObject({ kind: 'error', error: { code: 'not-ready', message: 'Not in the stub' } })
    expect(await box.next(byId(4))).toMatchObject({ kind: 'error', error: { code: 'internal', message: 'boom' } })
    expect(core.calls).toEqual([])
  })

  it('drops malformed messages without an id and keeps serving', async () => {
    const ws = await connect()
    const box = inbox(ws)
    ws.send('not json {')
    ws.send(JSON.stringify({ command: 'getAppInfo' }))
    ws.send(Buffer.from([1, 2, 3]), { binary: true })
    ws.send(JSON.stringify({ id: 5, command: 'getAppInfo' }))
    expect(await box.next(byId(5))).toMatchObject({ kind: 'result' })
    expect(box.messages).toHaveLength(1)
  })

  it('fans events out to every tab', async () => {
    const a = await connect()
    const b = await connect({ origin: `http://localhost:${host.port}` })
    const boxes = [inbox(a), inbox(b)]
    const events = [
      { type: 'turn-token' as const, turnId: 't1', chunk: 'Hel' },
      { type: 'turn-token' as const, turnId: 't1', chunk: 'lo' },
    ]
    core.emit(events)
    for (const box of boxes) {
      expect(await box.next((m) => m.kind === 'events')).toEqual({ kind: 'events', events })
    }
  })

  it('says goodbye to tabs on close', async () => {
    const ws = await connect()
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    await host.close()
    expect(await closed).toBe(1001)
    // afterEach closes again: close() must tolerate that.
  })
})
