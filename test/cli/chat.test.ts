/**
 * `mira chat` end to end: the real CLI process against the fake agent server. Cases that need no
 * process of their own (settings precedence, stdin, stream_end rewrites …) are in chat-in-process.
 */
import { describe, expect, it } from 'vitest'
import type { FakeStep } from '../support/fake-agent-server'
import { deadPort, runCli, startCli } from './cli-process'
import { useFakeChatServer } from './fake-chat-server'

const TOKEN = 'cli-secret'

/** The answer depends on the message, so the tests share one server. */
function script(content: string): FakeStep[] {
  if (content.startsWith('tool')) {
    return [{ tool: 'calculator', args: { expression: '2+2' }, result: { value: 4 } }, { tokens: ['It is ', '4.'] }]
  }
  if (content.startsWith('boom')) return [{ tokens: ['Partial'] }, { fail: 'Model crashed', code: 500 }]
  if (content.startsWith('half-open')) return [{ tokens: ['Hmm'] }, { halfOpen: true }]
  if (content.startsWith('hang')) return [{ tokens: ['Thinking'] }, { hang: true }]
  return [{ tokens: ['You said: ', content] }, { tts: `You said: ${content}` }]
}

const fake = useFakeChatServer(TOKEN, script)
const { base, chatMessage } = fake

// One `mira` process at a time (children started together compete for the CPU); generous limits.
describe('mira chat', { timeout: 60_000 }, () => {
  it('streams the answer to stdout, exits 0 and names the conversation on stderr', async () => {
    const result = await runCli([...base(), 'hello there'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('You said: hello there\n')
    expect(result.errLines).toHaveLength(1)
    expect(result.errLines[0]).toMatch(/^conversation: [0-9a-f-]{36}$/)
    expect(chatMessage('hello there')).toMatchObject({ agent_id: 'mira', user_id: 'local-user' })
  })

  it('--json prints one parseable event per line, ending with end and its content', async () => {
    const result = await runCli([...base(), '--json', 'tool please'])
    expect(result.code).toBe(0)
    const events = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(events.map((e) => e.event)).toEqual(['start', 'tool_call', 'tool_result', 'token', 'token', 'end'])
    expect(events[1]).toEqual({ event: 'tool_call', tool_name: 'calculator', args: { expression: '2+2' } })
    expect(events[2]).toEqual({ event: 'tool_result', result: { value: 4 } })
    expect(events.at(-1)).toMatchObject({ event: 'end', content: 'It is 4.', turn_id: events[0]?.turn_id })
  })

  it('prints tool calls and results on stderr, one line each, and only the answer on stdout', async () => {
    const result = await runCli([...base(), 'tool text'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('It is 4.\n')
    expect(result.errLines.slice(0, 2)).toEqual(['⚙ calculator({"expression":"2+2"})', '→ {"value":4}'])
  })

  it('exits 2 with one line when the server refuses the token', async () => {
    const result = await runCli(['chat', '--server', fake.server.url, '--token', 'wrong', 'hi'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.errLines).toEqual(['mira: the server refused the token: Invalid authentication token'])
  })

  it('exits 3 when nothing listens on the port', async () => {
    const port = await deadPort()
    const result = await runCli(['chat', '--server', `127.0.0.1:${port}`, '--token', TOKEN, 'hi'])
    expect(result.code).toBe(3)
    expect(result.errLines).toEqual([`mira: cannot reach ws://127.0.0.1:${port}/v1/chat/stream (connection refused)`])
  })

  it('exits 3 within the silence timeout when the connection goes half-open', async () => {
    const result = await runCli([...base(), '--silence-timeout', '1500', 'half-open please'])
    expect(result.code).toBe(3)
    expect(result.killed).toBe(false)
    expect(result.stdout).toBe('Hmm\n')
    expect(result.errLines).toHaveLength(1)
    expect(result.errLines[0]).toMatch(/^mira: the connection went silent: no data from ws:\/\/127\.0\.0\.1:\d+\/v1\/chat\/stream for \d+(\.\d)? s/)
  })

  it('exits 3 when the answer does not finish within --timeout', async () => {
    const result = await runCli([...base(), '--timeout', '1', 'hang on timeout'])
    expect(result.code).toBe(3)
    expect(result.errLines).toEqual(['mira: no complete answer within 1 s (see --timeout)'])
  })

  it('exits 4 when the server reports an error for the turn', async () => {
    const result = await runCli([...base(), 'boom now'])
    expect(result.code).toBe(4)
    expect(result.stdout).toBe('Partial\n')
    expect(result.errLines).toEqual(['mira: the server reported an error: Model crashed (code 500)'])
  })

  it('on SIGINT sends interrupt_stream for the turn and exits 130', async () => {
    const run = startCli([...base(), '--json', 'hang until interrupted'])
    const [, turnId] = await run.waitForStdout(/"event":"start","turn_id":"([^"]+)"/)
    run.child.kill('SIGINT')
    const result = await run.done
    expect(result.code).toBe(130)
    expect(result.errLines).toEqual(['mira: interrupted'])
    await fake.server.waitForFrame((f) => f.type === 'interrupt_stream' && f.turn_id === turnId)
  })

  it('exits 64 with one line and a usage hint for usage errors', async () => {
    // More usage errors are checked in process (cli-units, chat-in-process): one spawn proves the exit code.
    const result = await runCli(['chat', '--bogus', 'hi'])
    expect(result.code).toBe(64)
    expect(result.stdout).toBe('')
    expect(result.errLines).toEqual(['mira: unknown option --bogus', 'usage: mira chat [options] MESSAGE | --audio FILE.wav  (see `mira chat --help`)'])
  })
})
