/** `mira doctor --protocol lexicon` against the fake Lexicon server: REST chat creation, the socket in that chat, the keep-alive. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeLexiconServer } from '../fake-servers/lexicon/server'
import { doctorJson } from './doctor-json'

let lexicon: FakeLexiconServer
beforeAll(async () => {
  lexicon = await FakeLexiconServer.start({ apiKey: 'lx-key' })
})
afterAll(() => lexicon.stop())

const doctor = (...args: string[]) => doctorJson(['--protocol', 'lexicon', ...args])

describe('mira doctor --protocol lexicon', () => {
  it('creates a chat over REST, connects in it, and pings; tts is not part of the protocol', async () => {
    const { code, report, checks } = await doctor('--server', lexicon.url, '--api-key', 'lx-key', '--user-id', 'doc')
    expect(code).toBe(0)
    expect(report.checks.map((c) => [c.name, c.state])).toEqual([
      ['config', 'pass'],
      ['url', 'pass'],
      ['tcp', 'pass'],
      ['websocket', 'pass'],
      ['authorize', 'pass'],
      ['ping', 'pass'],
      ['rest', 'pass'],
      ['tts', 'skip'],
    ])
    const chat = [...lexicon.chats.values()].find((c) => c.user_id === 'doc')
    expect(checks.rest?.detail).toBe(`chat ${chat?.id} created with POST /api/v1/chats/`)
    expect(checks.websocket?.detail).toBe('upgraded at /ws/chat')
    expect(checks.authorize?.detail).toBe('API key and user id accepted')
    expect(lexicon.upgrades.at(-1)?.headers['x-chat-id']).toBe(chat?.id)
    expect(checks.tts?.detail).toBe('not run: not part of the lexicon protocol')
  })

  it('checks a given chat without creating one', async () => {
    const chatId = lexicon.createChat('doc')
    const before = lexicon.chats.size
    const { code, checks } = await doctor('--server', lexicon.url, '--api-key', 'lx-key', '--user-id', 'doc', '--chat-id', chatId)
    expect(code).toBe(0)
    expect(checks.rest).toMatchObject({ state: 'skip', detail: `chat ${chatId} given: none created` })
    expect(lexicon.chats.size).toBe(before)
  })

  it('fails rest and authorize with the server’s words for a refused key, and asks for a key when there is none', async () => {
    const refused = await doctor('--server', lexicon.url, '--api-key', 'nope')
    expect(refused.code).toBe(1)
    expect(refused.checks.rest).toMatchObject({ state: 'fail', detail: 'the server refused to create a chat (creating a chat failed: HTTP 401 Invalid API key)' })
    expect(refused.checks.authorize?.state).toBe('fail')
    expect(refused.checks.authorize?.detail).toContain('Check your tenant API key value.')
    expect(refused.checks.ping?.state).toBe('skip')
    const missing = await doctor('--server', lexicon.url)
    expect(missing.checks.authorize).toMatchObject({ state: 'fail', detail: 'No API key set: enter the server’s API key in settings' })
  })

  it('fails a chat the server does not have, with its fix', async () => {
    const { code, checks } = await doctor('--server', lexicon.url, '--api-key', 'lx-key', '--chat-id', 'missing-chat')
    expect(code).toBe(1)
    expect(checks.authorize?.detail).toContain('Create the chat first using POST /api/v1/chats/ endpoint')
  })
})
