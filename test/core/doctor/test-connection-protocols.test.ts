/** Settings → Test connection for a server of another kind: its own checks, through its adapter (General Bots' fake here). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestConnection } from '../../../src/main/core/doctor/test-connection'
import type { Endpoint } from '../../../src/main/core/host/server-endpoint'
import { hostCommandSchemas } from '../../../src/shared/host'
import { FakeGeneralBotsServer } from '../../fake-servers/generalbots/server'
import { FakeSymindxServer } from '../../fake-servers/symindx/server'
import { WebSocketServer } from 'ws'
import type { AddressInfo } from 'node:net'

const GENEROUS = { stepMs: 60_000, pingMs: 60_000, ttsMs: 120_000 }
let bots: FakeGeneralBotsServer
beforeAll(async () => {
  bots = await FakeGeneralBotsServer.start({ token: 'gb-token' })
})
afterAll(() => bots.stop())

async function run(request: Parameters<ReturnType<typeof createTestConnection>>[0], endpoint?: Partial<Endpoint>) {
  const test = createTestConnection({
    timeouts: GENEROUS,
    endpoint: async () => ({ kind: 'custom', url: bots.url, restBase: '', token: 'gb-token', close: async () => {}, ...endpoint }),
    savedToken: async () => undefined,
  })
  const request_ = hostCommandSchemas.testConnection.request.parse(request)
  const { checks } = hostCommandSchemas.testConnection.response.parse(await test(request_))
  return Object.fromEntries(checks.map((c) => [c.id, c]))
}

describe('testConnection for another kind of server', () => {
  it('checks a typed General Bots address with the typed token through its adapter', async () => {
    const byId = await run({ url: bots.url, kind: 'generalbots', token: 'gb-token' })
    expect(Object.values(byId).map((c) => [c.id, c.status])).toEqual([
      ['url', 'pass'],
      ['tcp', 'pass'],
      ['websocket', 'pass'],
      ['authorize', 'pass'],
      ['ping', 'pass'],
      ['rest', 'skip'],
      ['tts', 'skip'],
    ])
    expect(byId.authorize?.detail).toBe('token from the dialog (not saved yet) accepted')
  })

  it('checks the server in use with the protocol it speaks, and a refused token fails authorize with the token hint', async () => {
    const inUse = await run({}, { protocol: 'generalbots' })
    expect(inUse.authorize).toMatchObject({ status: 'pass', detail: 'token from the settings accepted' })
    const refused = await run({ url: bots.url, kind: 'generalbots', token: 'wrong' })
    expect(refused.authorize).toMatchObject({ status: 'fail', hint: 'check-token' })
    expect(refused.authorize?.detail).toContain('Invalid or expired token')
  })

})

describe('testConnection with Automatic at an address that does not tell', () => {
  it('probes, says what it found in the url check, and runs that kind’s checks', async () => {
    const byId = await run({ url: bots.url, kind: 'auto', token: 'gb-token' })
    expect(byId.url).toMatchObject({ status: 'pass', textCode: 'autoFound', params: { kind: 'General Bots', url: bots.url } })
    expect(byId.url?.detail).toBe(`Automatic: found General Bots at ${bots.url}`)
    expect(byId.authorize).toMatchObject({ status: 'pass' })
    const symindx = await FakeSymindxServer.start({ pingIntervalMs: 50 })
    try {
      const found = await run({ url: symindx.url, kind: 'auto' })
      expect(found.url).toMatchObject({ status: 'pass', textCode: 'autoFound', params: { kind: 'SYMindX' } })
      expect(found.authorize?.detail).toContain('agents:')
    } finally {
      await symindx.stop()
    }
  })

  it('cannot tell a server that speaks none of the protocols: the url check fails with the choose-kind hint, nothing else runs', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    wss.on('connection', (ws) => ws.close(1000))
    try {
      const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`
      const byId = await run({ url, kind: 'auto' })
      expect(byId.url).toMatchObject({ status: 'fail', hint: 'choose-kind', textCode: 'autoUnknownClosed', params: { url, code: 1000 } })
      expect(byId.tcp).toMatchObject({ status: 'skip', textCode: 'checkNotRunAddress' })
    } finally {
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    }
  })
})
