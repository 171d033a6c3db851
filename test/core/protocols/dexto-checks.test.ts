/** Test connection for a Dexto server: the socket checks run at the protocol's own path; DMP-only checks are skipped, saying why. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestConnection } from '../../../src/main/core/doctor/test-connection'
import { MiniDexto } from './mini-dexto'

let dexto: MiniDexto
beforeAll(async () => {
  dexto = await MiniDexto.start()
})
afterAll(() => dexto.stop())

const test = createTestConnection({
  endpoint: () => Promise.reject(new Error('not used')),
  savedToken: async () => undefined,
  timeouts: { stepMs: 3_000, pingMs: 1_000, ttsMs: 3_000 },
})

describe('Test connection for other kinds of server', () => {
  it('checks a Dexto server at its documented path and skips authorize, ping and the /v1 REST API', async () => {
    const port = new URL(dexto.url).port
    const { checks } = await test({ url: `127.0.0.1:${port}`, kind: 'dexto' })
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['url', 'pass'],
      ['tcp', 'pass'],
      ['websocket', 'pass'],
      ['authorize', 'skip'],
      ['ping', 'skip'],
      ['rest', 'skip'],
      ['tts', 'skip'],
    ])
    expect(checks.find((c) => c.id === 'websocket')?.detail).toBe('upgraded at /')
    expect(checks.find((c) => c.id === 'authorize')?.detail).toBe('not run: not part of the dexto protocol')
  })

  it('says when the kind cannot be told, and runs a Lexicon address’s own checks', async () => {
    // Automatic probes an address that does not tell; nothing listens there, so it says it could not reach it.
    const unknown = await test({ url: 'ws://127.0.0.1:1/ws' })
    expect(unknown.checks[0]).toMatchObject({ id: 'url', status: 'fail', textCode: 'autoUnreachable', hint: 'check-address' })
    expect(unknown.checks[0]?.detail).toContain('Automatic: could not reach ws://127.0.0.1:1/ws')
    // Every kind has its adapter now: Lexicon's checks start with its REST API, which nothing serves here.
    const lexicon = await test({ url: 'ws://127.0.0.1:1/ws/chat', kind: 'lexicon' })
    expect(lexicon.checks[0]).toMatchObject({ id: 'url', status: 'pass' })
    expect(lexicon.checks.find((c) => c.id === 'rest')).toMatchObject({ status: 'fail', textCode: 'checkLexiconChatFailed' })
    expect(lexicon.checks.find((c) => c.id === 'tcp')?.status).toBe('fail')
  })
})
