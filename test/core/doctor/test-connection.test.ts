/**
 * The `testConnection` host command against the real companion server and a dead port: the same
 * checks as `mira doctor`, with hint ids for the page to word, and the saved token kept on the host.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCompanionServer, type CompanionServer } from '../../../src/server'
import { createTestConnection, type TestConnectionDeps } from '../../../src/main/core/doctor/test-connection'
import type { Endpoint } from '../../../src/main/core/host/server-endpoint'
import { hostCommandSchemas } from '../../../src/shared/host'
import type { ConnectionCheck } from '../../../src/shared/host/connection-test'
import { deadPort } from '../../cli/cli-process'

const TOKEN = 'companion-secret'
const GENEROUS = { stepMs: 60_000, pingMs: 60_000, ttsMs: 120_000 }
let dir: string
let server: CompanionServer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-test-connection-'))
  // Pings well within the wait, so the ping check passes instead of being skipped.
  server = await startCompanionServer({ host: '127.0.0.1', port: 0, token: TOKEN, dataDir: dir, pingIntervalMs: 200, log: () => {} })
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

const endpointOf = (url: string, token: string | undefined, problem?: string): Endpoint => ({
  kind: 'builtin',
  url,
  restBase: '',
  token,
  ...(problem ? { problem } : {}),
  close: async () => {},
})

async function run(request: Parameters<ReturnType<typeof createTestConnection>>[0], deps: Partial<TestConnectionDeps> = {}) {
  const test = createTestConnection({
    // The app's own waits (3 s a step, 8 s for speech) are for a person at a desk; a loaded CI machine
    // can take longer, and no check here is about a wait running out.
    timeouts: GENEROUS,
    endpoint: async () => endpointOf(server.url, TOKEN),
    savedToken: async () => TOKEN,
    ...deps,
  })
  const { checks } = hostCommandSchemas.testConnection.response.parse(await test(request))
  return { checks, byId: Object.fromEntries(checks.map((c) => [c.id, c])) as Record<ConnectionCheck['id'], ConnectionCheck> }
}

describe.concurrent('testConnection', { timeout: 300_000 }, () => {
  it('passes every check against the running built-in server with its own token', async () => {
    const { checks, byId } = await run({})
    expect(checks.map((c) => c.id)).toEqual(['url', 'tcp', 'websocket', 'authorize', 'ping', 'rest', 'tts'])
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([])
    expect(checks.every((c) => typeof c.ms === 'number')).toBe(true)
    expect(byId.authorize.detail).toBe('token from the built-in server accepted')
    expect(byId.tts.detail).toMatch(/^WAV, \d+ Hz, mono/)
  })

  it('tests a typed address with the saved token when none was typed', async () => {
    const { byId } = await run({ url: server.url.replace('ws://', 'http://').replace('/v1/chat/stream', '') })
    expect(byId.url).toMatchObject({ status: 'pass', detail: server.url })
    expect(byId.authorize).toMatchObject({ status: 'pass', detail: 'token from the settings accepted' })
  })

  it('fails authorize with the token hint for a wrong typed token, and still checks REST', async () => {
    const { byId } = await run({ url: server.url, token: 'wrong' })
    expect(byId.authorize).toMatchObject({ status: 'fail', hint: 'check-token' })
    expect(byId.authorize.detail).toMatch(/^the server refused the token/)
    expect(byId.ping).toMatchObject({ status: 'skip', detail: 'not run: not authorized' })
    expect(byId.rest?.status).toBe('pass')
    expect(byId.tts).toMatchObject({ status: 'fail', hint: 'check-token' })
  })

  it('asks for a token when the dialog is clearing it', async () => {
    const { byId } = await run({ url: server.url, token: null })
    expect(byId.authorize).toMatchObject({ status: 'fail', detail: 'no token to send', hint: 'add-token' })
  })

  it('fails tcp on a dead port with the start-server hint, and skips the rest without running them', async () => {
    const port = await deadPort()
    const { checks, byId } = await run({ url: `127.0.0.1:${port}`, token: TOKEN })
    expect(byId.tcp).toMatchObject({ status: 'fail', detail: `cannot reach 127.0.0.1:${port} (connection refused)`, hint: 'start-server' })
    for (const check of checks.slice(2)) expect(check).toEqual({ id: check.id, status: 'skip', detail: 'not run: no TCP connection', textCode: 'checkNotRunTcp' })
  })

  it('fails the address check for what is not a server address, running nothing', async () => {
    const { checks } = await run({ url: 'ftp://nowhere' })
    expect(checks[0]).toMatchObject({ id: 'url', status: 'fail', hint: 'url-format' })
    expect(checks.slice(1).every((c) => c.status === 'skip' && c.ms === undefined)).toBe(true)
  })

  it('reports a built-in server that did not start, with its reason', async () => {
    const problem = 'The built-in server could not start: no space left'
    const { checks } = await run({}, { endpoint: async () => endpointOf('ws://127.0.0.1:0/v1/chat/stream', TOKEN, problem) })
    expect(checks[0]).toMatchObject({ id: 'url', status: 'fail', detail: problem, hint: 'builtin-failed' })
    expect(checks.slice(1).every((c) => c.status === 'skip')).toBe(true)
  })

  it('each detail comes with a text code and its params, for the app to word it in the reader’s language', async () => {
    const passed = await run({ url: server.url, token: TOKEN })
    const refused = await run({ url: server.url, token: 'wrong' })
    const dead = await run({ url: `127.0.0.1:${await deadPort()}`, token: TOKEN })
    // Everything but the address itself and the audio's format (numbers and codecs) has a code.
    expect(passed.checks.filter((c) => !c.textCode).map((c) => c.id)).toEqual(['url', 'tts'])
    expect(dead.checks.filter((c) => !c.textCode).map((c) => c.id)).toEqual(['url'])
    expect(passed.byId.authorize).toMatchObject({ textCode: 'checkTokenAccepted', params: { source: 'dialog' }, detail: 'token from the dialog (not saved yet) accepted' })
    expect(passed.byId.ping).toMatchObject({ textCode: 'checkPing', params: { after: expect.any(Number), rtt: expect.any(Number) } })
    expect(refused.byId.authorize).toMatchObject({ textCode: 'checkTokenRefused', params: { error: expect.any(String) } })
    expect(refused.byId.ping).toMatchObject({ textCode: 'checkNotRunAuthorize', detail: 'not run: not authorized' })
    expect(dead.byId.tcp).toMatchObject({ textCode: 'linkUnreachable', params: { cause: 'ECONNREFUSED' } })
  })

  it('validates the request: strict, a string address, a non-empty token', () => {
    const { request } = hostCommandSchemas.testConnection
    expect(request.safeParse({}).success).toBe(true)
    expect(request.safeParse({ url: 'ws://h:1', token: null }).success).toBe(true)
    expect(request.safeParse({ url: 5 }).success).toBe(false)
    expect(request.safeParse({ token: '  ' }).success).toBe(false)
    expect(request.safeParse({ extra: true }).success).toBe(false)
  })
})
