/**
 * `mira chat` against a hostile server (in process): an answer that never ends is stopped at the
 * text cap with exit 4, and the server's escape sequences never reach the terminal as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { MAX_TURN_TEXT } from '../../src/shared/protocol'
import { endlessAnswer, FakeAgentServer, type AnswerScript } from '../support/fake-agent-server'
import { memoryIo } from './memory-io'

const TOKEN = 'hostile-secret'
const CHUNK = 'y'.repeat(64 * 1024)
const sent = { chars: 0 }
const endless = endlessAnswer(CHUNK, { ceiling: 3 * MAX_TURN_TEXT, sent })

/** Window title, screen clear, OSC 52 clipboard write, hyperlink, C1 CSI, `\r` fake prompt, BEL. */
const HOSTILE = [
  '\x1b]0;pwned\x07',
  'Hello',
  '\x1b[2J\x1b[H',
  '\x1b]52;c;ZWNobyBwd25lZA==\x07',
  ' \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\',
  '\x9b31m red\r$ sudo rm -rf /\x07',
  '\tend\n',
]

const answer: AnswerScript = (message, ctx) => {
  if (message.content === 'endless') return endless(message, ctx)
  if (message.content === 'escapes') {
    return [{ tokens: HOSTILE }, { tool: '\x1b]0;tool\x07search', args: { q: '\x1b[31mx' }, result: 'ok\x1b[2J' }]
  }
  return [{ fail: 'bad \x1b]0;title\x07thing', code: 500 }]
}

let server: FakeAgentServer
beforeAll(async () => {
  server = await FakeAgentServer.start({ token: TOKEN, answer })
})
afterAll(async () => {
  await server.stop()
})
const base = () => ['chat', '--server', server.url, '--token', TOKEN]

describe('mira chat against a hostile server', () => {
  it('stops an endless answer at the text cap with exit 4 and one line saying why', async () => {
    const io = memoryIo()
    expect(await main([...base(), 'endless'], io)).toBe(4)
    expect(io.errLines()).toEqual(['mira: the answer passed 4 MB of text; stopped it'])
    expect(io.out.length).toBeLessThanOrEqual(MAX_TURN_TEXT + 1)
    expect(io.out.length).toBeGreaterThan(MAX_TURN_TEXT - CHUNK.length)
    await server.waitForFrame((f) => f.type === 'interrupt_stream')
    expect(sent.chars).toBeLessThan(3 * MAX_TURN_TEXT)
  }, 60_000)

  it('says the same as the last JSON line with --json', async () => {
    const io = memoryIo()
    expect(await main([...base(), '--json', 'endless'], io)).toBe(4)
    const last = JSON.parse(io.out.trimEnd().split('\n').at(-1) ?? '{}') as unknown
    expect(last).toEqual({ event: 'error', kind: 'too-long', error: 'the answer passed 4 MB of text; stopped it' })
  }, 60_000)

  it('writes no control characters to the terminal, and --json keeps the text exact', async () => {
    const text = memoryIo()
    expect(await main([...base(), 'escapes'], text)).toBe(0)
    expect(text.out).toBe('Hello link31m red$ sudo rm -rf /\tend\n')
    // A JSON-encoded argument shows its escape as the six characters `\u001b`, which a terminal prints as text.
    expect(text.err).toContain('⚙ search({"q":"\\u001b[31mx"})\n→ ok\n')
    // eslint-disable-next-line no-control-regex
    expect(text.out + text.err).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/)

    const json = memoryIo()
    expect(await main([...base(), '--json', 'escapes'], json)).toBe(0)
    const tokens = json.out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; chunk?: string })
      .filter((e) => e.event === 'token')
      .map((e) => e.chunk)
    expect(tokens).toEqual(HOSTILE)
  })

  it('writes a server error without its escape sequences', async () => {
    const io = memoryIo()
    expect(await main([...base(), 'error'], io)).toBe(4)
    expect(io.errLines()).toEqual(['mira: the server reported an error: bad thing (code 500)'])
  })
})
