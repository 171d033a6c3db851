/**
 * Settings → Test connection against SYMindX and General Bots servers, and Automatic's probe: every
 * detail the app shows comes with a text code that the English, Japanese and Korean tables all word
 * (so nothing is left in English for a Japanese reader), and its params fill that wording.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestConnection } from '../../../src/main/core/doctor/test-connection'
import type { Endpoint } from '../../../src/main/core/host/server-endpoint'
import type { ConnectionCheck } from '../../../src/shared/host/connection-test'
import { hostCommandSchemas, type HostText } from '../../../src/shared/host'
import { FakeGeneralBotsServer, FakeSymindxServer } from '../../fake-servers'

/**
 * The renderer's own modules, loaded at run time: this (Node) project does not type-check renderer
 * sources (as in test/renderer/host-text-english.test.ts), so they come in by a path the compiler does not follow.
 */
type Words = { key: string; params?: Record<string, unknown> } | { text: string }
type Translate = (key: string, params: Record<string, unknown>) => string
const load = (path: string): Promise<unknown> => import(`../../../src/renderer/src/${path}`)
const i18n = (await load('i18n/index.ts')) as { createAppI18n(locale: string): { global: { t: Translate; te(key: string): boolean } } }
const { hostText } = (await load('lib/host-text.ts')) as { hostText(value: HostText): Words }
const { say } = (await load('lib/local-text.ts')) as { say(t: Translate, value: Words): string }
const LANGUAGES = ['en', 'ja', 'ko'] as const
const translators = Object.fromEntries(LANGUAGES.map((l) => [l, i18n.createAppI18n(l).global]))

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

/**
 * Every check but a plain address is coded; each language knows the code and words it fully, and
 * the English wording is the host's own detail, word for word.
 */
function expectWorded(checks: ConnectionCheck[]): void {
  for (const check of checks) {
    if (check.id === 'url' && !check.textCode) {
      expect(check.detail).toMatch(/^wss?:\/\//)
      continue
    }
    expect(check.textCode, `${check.id}: ${check.detail}`).toBeDefined()
    const value = { text: check.detail, textCode: check.textCode, params: check.params }
    for (const language of LANGUAGES) {
      const { t, te } = translators[language]!
      expect(te(`host.texts.${check.textCode}`), `${language} ${check.textCode}`).toBe(true)
      const words = hostText(value)
      expect('key' in words, `${language} ${check.textCode}: worded from its params`).toBe(true)
      const said = say(t, words)
      expect(said).not.toMatch(/\{\w+\}/)
      if (language === 'en') expect(said).toBe(check.detail)
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
