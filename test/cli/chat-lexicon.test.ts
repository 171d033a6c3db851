/** `mira chat --protocol lexicon` against the fake Lexicon server: the chat created, answers, events and exit codes. */
import { createServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { FakeLexiconServer } from '../fake-servers/lexicon/server'
import { tempDir } from './cli-process'
import { memoryIo } from './memory-io'

let lexicon: FakeLexiconServer
beforeAll(async () => {
  lexicon = await FakeLexiconServer.start({ apiKey: 'lx-key' })
})
afterAll(() => lexicon.stop())

const env = () => ({ MIRA_DATA_DIR: tempDir() })
const jsonEvents = (out: string) => out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
const chat = (...args: string[]) => ['chat', '--protocol', 'lexicon', '--server', lexicon.url, ...args]
const creations = () => lexicon.httpRequests.filter((r) => r.method === 'POST').length

describe('mira chat --protocol lexicon', () => {
  it('creates a chat, streams the answer as --json events with speech chunks made on the client, and exits 0', async () => {
    lexicon.answer = () => [{ say: '[happy] Hello there. How can I help?' }]
    const before = creations()
    const io = memoryIo({ env: env() })
    expect(await main(chat('--api-key', 'lx-key', '--user-id', 'u1', '--json', 'hello'), io)).toBe(0)
    const events = jsonEvents(io.out)
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'token', 'token', 'tts', 'token', 'token', 'token', 'token', 'tts', 'end'])
    expect(events.filter((e) => e.event === 'tts').map((e) => e.chunk)).toEqual(['Hello there.', 'How can I help?'])
    expect(creations()).toBe(before + 1)
    const chatId = [...lexicon.chats.values()].find((c) => c.user_id === 'u1')?.id
    expect(events.at(-1)).toMatchObject({ event: 'end', content: '[happy] Hello there. How can I help?', conversation_id: chatId })
    expect(io.err).toContain(`conversation: ${chatId}`)
  })

  it('talks in the chat given with --chat-id (or --conversation), creating none', async () => {
    lexicon.answer = (m) => [{ say: `${m.history.length} before.` }]
    const chatId = lexicon.createChat('u2')
    const before = creations()
    const first = memoryIo({ env: env() })
    expect(await main(chat('--api-key', 'lx-key', '--user-id', 'u2', '--chat-id', chatId, 'one'), first)).toBe(0)
    expect(first.out).toContain('0 before.')
    const again = memoryIo({ env: env() })
    expect(await main(chat('--api-key', 'lx-key', '--user-id', 'u2', '--conversation', chatId, 'two'), again)).toBe(0)
    expect(again.out).toContain('2 before.')
    expect(creations()).toBe(before)
    expect(lexicon.upgrades.at(-1)?.headers['x-chat-id']).toBe(chatId)
  })

  it('exits 2 for a refused or missing API key and for a chat the server does not have, with the server’s fix', async () => {
    const refused = memoryIo({ env: env() })
    expect(await main(chat('--api-key', 'wrong', 'hello'), refused)).toBe(2)
    expect(refused.err).toContain('the server refused the API key or user id: “Invalid API key”')
    expect(refused.err).toContain('Check your tenant API key value.')
    const missing = memoryIo({ env: env() })
    expect(await main(chat('hello'), missing)).toBe(2)
    expect(missing.err).toContain('no API key: pass --api-key')
    const noChat = memoryIo({ env: env() })
    expect(await main(chat('--api-key', 'lx-key', '--chat-id', 'nope', 'hello'), noChat)).toBe(2)
    expect(noChat.err).toContain('Create the chat first using POST /api/v1/chats/ endpoint')
  })

  it('exits 4 with the error worded when the server fails the answer', async () => {
    lexicon.answer = () => [{ fail: 'INVALID_MESSAGE', message: 'Missing content' }]
    const io = memoryIo({ env: env() })
    expect(await main(chat('--api-key', 'lx-key', 'hello'), io)).toBe(4)
    expect(io.err).toContain('The server could not read what Mira sent: “Missing content”')
  })

  it('exits 3 when nothing listens on the port, saying why', async () => {
    // A port that was free a moment ago (fetch refuses port 1 as a "bad port" before trying it).
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise((resolve) => probe.close(resolve))
    const io = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'lexicon', '--server', `ws://127.0.0.1:${port}/ws/chat`, '--api-key', 'k', '--timeout', '20', 'hello'], io)).toBe(3)
    expect(io.err).toContain(`cannot reach ws://127.0.0.1:${port}/ws/chat (connection refused)`)
  })
})
