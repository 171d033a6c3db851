/** Settings → Test connection for a SYMindX server: the kind chosen in the dialog picks SYMindX's checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestConnection } from '../../../src/main/core/doctor/test-connection'
import type { Endpoint } from '../../../src/main/core/host/server-endpoint'
import { hostCommandSchemas } from '../../../src/shared/host'
import { FakeSymindxServer } from '../../fake-servers/symindx/server'

const GENEROUS = { stepMs: 60_000, pingMs: 60_000, ttsMs: 120_000 }
let server: FakeSymindxServer
beforeAll(async () => {
  server = await FakeSymindxServer.start({ token: 'secret', pingIntervalMs: 50 })
})
afterAll(() => server.stop())

const endpoint: Endpoint = { kind: 'custom', url: 'ws://127.0.0.1:1/v1/chat/stream', restBase: '', token: undefined, close: async () => {} }

async function run(request: Parameters<ReturnType<typeof createTestConnection>>[0], agent = 'nyx') {
  const test = createTestConnection({ timeouts: GENEROUS, endpoint: async () => endpoint, savedToken: async () => 'secret', agent: () => agent })
  return hostCommandSchemas.testConnection.response.parse(await test(request)).checks
}

describe('Test connection for a SYMindX server', () => {
  it('runs SYMindX’s checks for the kind chosen in the dialog, with the saved token and the agent id', async () => {
    const checks = await run({ url: server.url.replace('/ws', ''), kind: 'symindx' })
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['url', 'pass'],
      ['tcp', 'pass'],
      ['websocket', 'pass'],
      ['authorize', 'pass'],
      ['ping', 'pass'],
      ['rest', 'skip'],
      ['tts', 'skip'],
    ])
    expect(checks.find((c) => c.id === 'authorize')?.detail).toBe('token from the settings accepted; messages go to nyx (agents: nyx)')
  })

  it('names the hint to choose another agent when the server lacks the one set', async () => {
    const checks = await run({ url: server.url, kind: 'symindx' }, 'mira')
    expect(checks.find((c) => c.id === 'authorize')).toMatchObject({ status: 'fail', hint: 'choose-agent' })
  })
})
