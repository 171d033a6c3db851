/** `mira chat --protocol generalbots` against the fake General Bots server: answers, events and exit codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { FakeGeneralBotsServer } from '../fake-servers/generalbots/server'
import { tempDir } from './cli-process'
import { memoryIo } from './memory-io'

let bots: FakeGeneralBotsServer
beforeAll(async () => {
  bots = await FakeGeneralBotsServer.start({ token: 'gb-token' })
})
afterAll(() => bots.stop())

const env = () => ({ MIRA_DATA_DIR: tempDir() })
const jsonEvents = (out: string) => out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
const chat = (...args: string[]) => ['chat', '--protocol', 'generalbots', '--server', bots.url, ...args]

describe('mira chat --protocol generalbots', () => {
  it('streams the answer with its tool card as --json events, speech chunks made on the client, and exits 0', async () => {
    bots.answer = () => [{ say: 'Let me look. ' }, { tool: 'search_orders', args: { order_id: '12345' }, result: { status: 'shipped' } }, { say: 'It has shipped.' }]
    const io = memoryIo({ env: env() })
    expect(await main(chat('--token', 'gb-token', '--json', 'where is my order?'), io)).toBe(0)
    const events = jsonEvents(io.out)
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'token', 'token', 'tts', 'tool_call', 'tool_result', 'token', 'token', 'token', 'tts', 'end'])
    expect(events.filter((e) => e.event === 'tts').map((e) => e.chunk)).toEqual(['Let me look.', 'It has shipped.'])
    expect(events.find((e) => e.event === 'tool_call')).toEqual({ event: 'tool_call', tool_name: 'search_orders', args: { order_id: '12345' } })
    const sessionId = bots.chatMessages().at(-1)?.frame.session_id
    expect(events.at(-1)).toMatchObject({ event: 'end', content: 'Let me look. It has shipped.', conversation_id: sessionId })
  })

  it('continues a conversation (a session) given with --conversation, and subscribes to one given with --session-id', async () => {
    bots.answer = (m) => [{ say: `${m.history.length / 2} before.` }]
    const first = memoryIo({ env: env() })
    expect(await main(chat('--token', 'gb-token', 'one'), first)).toBe(0)
    const sessionId = String(bots.chatMessages().at(-1)?.frame.session_id)
    expect(first.err).toContain(`conversation: ${sessionId}`)
    const again = memoryIo({ env: env() })
    expect(await main(chat('--token', 'gb-token', '--conversation', sessionId, 'two'), again)).toBe(0)
    expect(again.out).toContain('1 before.')
    const fixed = memoryIo({ env: env() })
    expect(await main(chat('--token', 'gb-token', '--session-id', sessionId, 'three'), fixed)).toBe(0)
    expect(fixed.out).toContain('2 before.')
    expect(bots.framesWhere('type', 'subscribe').at(-1)?.frame).toEqual({ type: 'subscribe', session_id: sessionId })
  })

  it('exits 2 for a refused or missing token, in Mira’s words', async () => {
    const refused = memoryIo({ env: env() })
    expect(await main(chat('--token', 'wrong', 'hello'), refused)).toBe(2)
    expect(refused.err).toContain('the bot refused the token (invalid or expired): Invalid or expired token')
    const missing = memoryIo({ env: env() })
    expect(await main(chat('hello'), missing)).toBe(2)
    expect(missing.err).toContain('no token set')
  })

  it('exits 4 with the error worded when the bot fails the answer', async () => {
    bots.answer = () => [{ fail: 'INVALID_FORMAT', message: 'Malformed JSON' }]
    const io = memoryIo({ env: env() })
    expect(await main(chat('--token', 'gb-token', 'hello'), io)).toBe(4)
    expect(io.err).toContain('The bot could not read what Mira sent (Malformed JSON) (code INVALID_FORMAT)')
  })

  it('exits 3 when nothing listens on the port', async () => {
    const io = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'generalbots', '--server', 'ws://127.0.0.1:1/ws', '--token', 't', '--timeout', '20', 'hello'], io)).toBe(3)
  })
})
