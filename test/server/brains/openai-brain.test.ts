import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOpenAiBrain } from '../../../src/server/brains/openai'
import { BrainError, type Brain } from '../../../src/server/brains/types'
import { createDefaultTools } from '../../../src/server/tools'
import { FakeOpenAiServer } from '../../support/fake-openai-server'
import { brainInput, collect, failureOf, tokensOf } from './helpers'

let fake: FakeOpenAiServer
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mira-brain-'))
})
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})
beforeEach(async () => {
  fake = await FakeOpenAiServer.start()
})
afterEach(async () => {
  await fake.close()
})

const brainFor = (extra: Partial<Parameters<typeof createOpenAiBrain>[0]> = {}): Brain =>
  createOpenAiBrain({ baseUrl: `${fake.baseUrl}/`, model: 'llama3.2', ...extra })

type Body = { model: string; stream: boolean; messages: Array<Record<string, unknown>>; tools?: Array<{ function: { name: string } }>; temperature?: number }
const bodyOf = (index: number): Body => fake.chatRequests()[index]?.body as Body

describe('OpenAI-compatible brain: streaming', () => {
  it('streams tokens in order and sends persona, history, model and key', async () => {
    fake.enqueue({ kind: 'text', deltas: ['Hel', 'lo', ', wor', 'ld!'] })
    const brain = brainFor({ apiKey: 'sk-test', temperature: 0.3 })
    const history = [
      { role: 'user' as const, content: 'Earlier question' },
      { role: 'assistant' as const, content: 'Earlier answer' },
      { role: 'user' as const, content: 'Hi!' },
    ]
    const events = await collect(brain.respond(brainInput({ messages: history })))
    expect(events).toEqual(['Hel', 'lo', ', wor', 'ld!'].map((text) => ({ type: 'token', text })))
    expect(brain.describe()).toBe(`openai-compatible llama3.2 at ${fake.baseUrl}`)
    const [request] = fake.chatRequests()
    expect(request?.headers.authorization).toBe('Bearer sk-test')
    expect(bodyOf(0)).toEqual({
      model: 'llama3.2',
      stream: true,
      temperature: 0.3,
      messages: [{ role: 'system', content: 'You are Mira.' }, ...history],
    })
  })

  it('sends images as image_url parts of the last user message', async () => {
    const images = ['https://example.invalid/cat.png', 'data:image/png;base64,AAAA']
    await collect(brainFor().respond(brainInput({ persona: '  ', images })))
    expect(bodyOf(0).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi!' },
          { type: 'image_url', image_url: { url: images[0] } },
          { type: 'image_url', image_url: { url: images[1] } },
        ],
      },
    ])
  })

  it('reassembles text split into 3-byte pieces with CRLF line ends (split UTF-8 included)', async () => {
    await fake.close()
    fake = await FakeOpenAiServer.start({ pieceBytes: 3, lineEnding: '\r\n' })
    fake.enqueue({ kind: 'text', deltas: ['こんにちは', '、Mira'] })
    expect(tokensOf(await collect(brainFor().respond(brainInput())))).toBe('こんにちは、Mira')
  })

  it('accepts a whole JSON completion from a server that ignores stream:true', async () => {
    fake.enqueue({
      kind: 'json',
      body: { choices: [{ index: 0, message: { role: 'assistant', content: 'All at once.' }, finish_reason: 'stop' }] },
    })
    expect(tokensOf(await collect(brainFor().respond(brainInput())))).toBe('All at once.')
  })

  it('tolerates comments, extra fields, null content and events without a blank line between them', async () => {
    fake.enqueue({
      kind: 'raw',
      body:
        ': ping\n\n' +
        'data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning":"hmm"}}],"usage":null}\n\n' +
        'data: {"choices":[{"index":0,"delta":{"content":"A"}}]}\n' +
        'data: {"choices":[{"index":0,"delta":{"content":"B"},"finish_reason":"stop"}]}\n\n' +
        'data: {"choices":[],"usage":{"total_tokens":3}}\n\n' +
        'data: [DONE]\n\n',
    })
    expect(tokensOf(await collect(brainFor().respond(brainInput())))).toBe('AB')
  })
})

describe('OpenAI-compatible brain: tools', () => {
  it('runs a tool call streamed in pieces and feeds the result back', async () => {
    const tools = createDefaultTools({ dataDir })
    fake.enqueue(
      { kind: 'tools', calls: [{ name: 'calculator', args: ['{"expre', 'ssion": "2+', '3*4"}'], id: 'call_abc' }] },
      { kind: 'text', deltas: ['It is ', '14.'] },
    )
    const events = await collect(brainFor().respond(brainInput({ tools })))
    expect(events).toEqual([
      { type: 'tool_call', callId: 'call_abc', name: 'calculator', args: { expression: '2+3*4' } },
      { type: 'tool_result', callId: 'call_abc', name: 'calculator', result: { expression: '2+3*4', result: 14 } },
      { type: 'token', text: 'It is ' },
      { type: 'token', text: '14.' },
    ])
    expect(bodyOf(0).tools?.map((tool) => tool.function.name)).toEqual(
      tools.list().map((tool) => tool.name),
    )
    expect(bodyOf(1).messages.slice(-2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'calculator', arguments: '{"expression": "2+3*4"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_abc', content: JSON.stringify({ expression: '2+3*4', result: 14 }) },
    ])
  })

  it('answers unknown tools and invalid JSON arguments with error results instead of failing', async () => {
    const tools = createDefaultTools({ dataDir })
    fake.enqueue(
      { kind: 'tools', calls: [{ name: 'launch_rockets', args: ['{}'] }, { name: 'calculator', args: ['{"expression": '] }] },
      { kind: 'text', deltas: ['Sorry.'] },
    )
    const events = await collect(brainFor().respond(brainInput({ tools })))
    const results = events.flatMap((event) => (event.type === 'tool_result' ? [event.result] : []))
    expect(results).toEqual([
      { error: expect.stringMatching(/^Unknown tool "launch_rockets"; available tools: get_current_time, calculator/) },
      { error: expect.stringMatching(/^The arguments for "calculator" are not valid JSON/) },
    ])
    expect(tokensOf(events)).toBe('Sorry.')
    const replayed = bodyOf(1).messages.filter((message) => message.role === 'tool')
    expect(replayed.map((message) => message.tool_call_id)).toEqual(['call_0', 'call_1'])
  })

  it('stops offering tools after maxToolRounds and fails if the model still only calls tools', async () => {
    const tools = createDefaultTools({ dataDir })
    const call = { kind: 'tools' as const, calls: [{ name: 'get_current_time', args: ['{}'] }] }
    fake.enqueue(call, call, call)
    const error = await failureOf(brainFor({ maxToolRounds: 2 }).respond(brainInput({ tools })))
    expect(error).toBeInstanceOf(BrainError)
    expect(error.message).toBe('The model kept calling tools after 2 rounds without answering')
    expect(fake.chatRequests().map((request) => (request.body as Body).tools !== undefined)).toEqual([true, true, false])
  })

  it('retries without tools when the model does not support them, and remembers it', async () => {
    const tools = createDefaultTools({ dataDir })
    fake.enqueue(
      { kind: 'status', status: 400, body: { error: { message: 'registry.ollama.ai/library/gemma:2b does not support tools' } } },
      { kind: 'text', deltas: ['Fine.'] },
      { kind: 'text', deltas: ['Again.'] },
    )
    const lines: string[] = []
    const brain = brainFor({ log: (line) => lines.push(line) })
    expect(tokensOf(await collect(brain.respond(brainInput({ tools }))))).toBe('Fine.')
    expect(tokensOf(await collect(brain.respond(brainInput({ tools }))))).toBe('Again.')
    expect(fake.chatRequests().map((request) => (request.body as Body).tools !== undefined)).toEqual([true, false, false])
    expect(lines).toEqual(['model llama3.2 does not support tools; continuing without them'])
  })
})
