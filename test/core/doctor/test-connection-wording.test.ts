/**
 * Settings → Test connection against SYMindX and General Bots servers, and Automatic's probe: every
 * detail the app shows comes with a text code that the English, Japanese and Korean tables all word
 * (so nothing is left in English for a Japanese reader), and its params fill that wording.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestConnection } from '../../../src/main/core/doctor/test-connection'
import type { Endpoint } from '../../../src/main/core/host/server-endpoint'
import type { ConnectionCheck } from '../../../src/shared/host/connection-test'
import { hostCommandSchemas } from '../../../src/shared/host'
import { host } from '../../../src/renderer/src/i18n/messages/host'
import { FakeGeneralBotsServer, FakeSymindxServer } from '../../fake-servers'

const GENEROUS = { stepMs: 60_000, pingMs: 60_000, ttsMs: 120_000 }
let symindx: FakeSymindxServer
let open: FakeSymindxServer
let bots: FakeGeneralBotsServer
beforeAll(async () => {
  symindx = await FakeSymindxServer.start({ token: 'secret', pingIntervalMs: 50, agents: [{ id: 'nyx' }, { id: 'aria' }] })
  open = await FakeSymindxServer.start({ pingIntervalMs: 50 })
  bots = await FakeGeneralBotsServer.start({ token: 'gb' })
})
afterAll(async () => {
  await Promise.all([symindx.stop(), open.stop(), bots.stop()])
})

const endpoint: Endpoint = { kind: 'custom', url: 'ws://127.0.0.1:1/v1/chat/stream', restBase: '', token: undefined, close: async () => {} }

async function run(request: Parameters<ReturnType<typeof createTestConnection>>[0], agent = 'nyx'): Promise<ConnectionCheck[]> {
  const test = createTestConnection({ timeouts: GENEROUS, endpoint: async () => endpoint, savedToken: async () => undefined, agent: () => agent })
  return hostCommandSchemas.testConnection.response.parse(await test(hostCommandSchemas.testConnection.request.parse(request))).checks
}

const tables = { en: host.en.texts, ja: host.ja.texts, ko: host.ko.texts } as Record<string, Record<string, string>>

/** Every check but a plain address is coded, and each language words its code with the params it has. */
function expectWorded(checks: ConnectionCheck[]): void {
  for (const check of checks) {
    if (check.id === 'url' && !check.textCode) {
      expect(check.detail).toMatch(/^wss?:\/\//)
      continue
    }
    expect(check.textCode, `${check.id}: ${check.detail}`).toBeDefined()
    for (const [language, texts] of Object.entries(tables)) {
      const wording = texts[check.textCode!]
      expect(wording, `${language} ${check.textCode}`).toBeDefined()
      for (const [, name] of wording!.matchAll(/\{(\w+)\}/g)) expect(check.params ?? {}, `${language} ${check.textCode} {${name}}`).toHaveProperty(name!)
    }
  }
}

describe('Test connection wording for other kinds of server', () => {
  it('SYMindX: accepted with the agent, no such agent, refused token, token missing, let in without one', async () => {
    const cases = [
      await run({ url: symindx.url, kind: 'symindx', token: 'secret' }),
      await run({ url: symindx.url, kind: 'symindx', token: 'secret' }, 'ghost'),
      await run({ url: symindx.url, kind: 'symindx', token: 'wrong' }),
      await run({ url: symindx.url, kind: 'symindx', token: null }),
      await run({ url: open.url, kind: 'symindx', token: null }),
    ]
    const authorize = cases.map((checks) => checks.find((c) => c.id === 'authorize')?.textCode)
    expect(authorize).toEqual(['checkSymindxAgent', 'checkSymindxNoAgent', 'checkTokenRefused', 'checkSymindxNeedsToken', 'checkSymindxAgentNoToken'])
    expect(cases[0]?.find((c) => c.id === 'ping')).toMatchObject({ status: 'pass', textCode: 'checkServerPingAnswered' })
    for (const checks of cases) expectWorded(checks)
  })

  it('General Bots: accepted and refused', async () => {
    const passed = await run({ url: bots.url, kind: 'generalbots', token: 'gb' })
    const refused = await run({ url: bots.url, kind: 'generalbots', token: 'nope' })
    expect(passed.find((c) => c.id === 'ping')).toMatchObject({ status: 'pass', textCode: 'checkPingAnswered' })
    expectWorded(passed)
    expectWorded(refused)
  })

  it('Automatic: found, and cannot tell', async () => {
    const found = await run({ url: symindx.url, kind: 'auto', token: 'secret' })
    expect(found[0]).toMatchObject({ textCode: 'autoFound' })
    expectWorded(found)
    expectWorded(await run({ url: 'ws://127.0.0.1:1/ws', kind: 'auto' }))
  })
})
