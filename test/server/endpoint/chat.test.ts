/** Conformance, part 2: chat turns on the wire. */
import { describe, expect, it } from 'vitest'
import { parseServerFrame } from '../../../src/shared/protocol'
import { createDemoBrain } from '../../../src/server/brains/demo'
import { createToolRegistry, defineTool } from '../../../src/server/tools'
import { z } from 'zod'
import { failingBrain, scriptedBrain, tokens } from '../support/brains'
import type { RawClient} from '../support/raw-client';
import { type Frame } from '../support/raw-client'
import { useCompanion } from '../support/fixture'
import { MAX_CHAT_MESSAGE_CHARS } from '../../../src/server/endpoint/session'

const companion = useCompanion()
const client = () => companion.client()

const chat = (content: string, extra: Record<string, unknown> = {}) => ({ type: 'chat_message', content, agent_id: 'mira', user_id: 'ann', ...extra })

async function turn(c: RawClient, frame: unknown): Promise<Frame[]> {
  const from = c.frames.length
  c.send(frame)
  return c.collectUntil((f) => f.type === 'stream_end', from)
}

const streamed = (frames: Frame[]): string => frames.filter((f) => f.type === 'stream_token').map((f) => f.chunk).join('')

describe('chat_message', () => {
  it('streams start → tokens (no turn_id) → tts chunks as sentences complete → end with content == streamed text', async () => {
    await companion.start({
      brain: scriptedBrain(() => tokens('[hap', 'py] Hello', ' there.', ' How are', ' you?', ' [sad] Bye')),
    })
    const c = await client()
    const frames = await turn(c, chat('hi'))
    for (const f of frames) {
      expect(f).toMatchObject({ id: null, timestamp: null })
      expect(parseServerFrame(JSON.stringify(f)).ok).toBe(true)
    }
    const start = frames[0]!
    const end = frames.at(-1)!
    expect(start).toMatchObject({ type: 'stream_start', turn_id: expect.any(String), conversation_id: expect.any(String) })
    expect(end).toMatchObject({ type: 'stream_end', turn_id: start.turn_id, conversation_id: start.conversation_id })
    expect(end.content).toBe('Hello there. How are you? Bye')
    expect(streamed(frames)).toBe(end.content)
    for (const token of frames.filter((f) => f.type === 'stream_token')) expect(token).not.toHaveProperty('turn_id')
    const speech = frames.filter((f) => f.type === 'tts_ready_chunk')
    expect(speech.map((f) => [f.chunk, f.emotion])).toEqual([
      ['Hello there.', 'happy'],
      ['How are you?', null],
      ['Bye', 'sad'],
    ])
    // The first sentence is ready before the last token arrives.
    const firstSpeech = frames.indexOf(speech[0]!)
    const lastToken = frames.findLastIndex((f) => f.type === 'stream_token')
    expect(firstSpeech).toBeLessThan(lastToken)
  })

  it('sends tool_call / tool_result with JSON-string args and result', async () => {
    const clock = defineTool({
      name: 'get_current_time',
      description: 'time',
      args: z.object({}),
      run: () => ({ text: 'noon on a Tuesday' }),
    })
    await companion.start({ brain: createDemoBrain({ tokenDelayMs: 0 }), tools: createToolRegistry([clock]) })
    const c = await client()
    const frames = await turn(c, chat('What time is it?'))
    const call = frames.find((f) => f.type === 'tool_call')!
    const result = frames.find((f) => f.type === 'tool_result')!
    expect(call).toEqual({ type: 'tool_call', tool_name: 'get_current_time', args: '{}', id: null, timestamp: null })
    expect(result).toEqual({ type: 'tool_result', result: '{"text":"noon on a Tuesday"}', id: null, timestamp: null })
    expect(frames.indexOf(call)).toBeLessThan(frames.indexOf(result))
    expect(frames.at(-1)!.content).toContain('noon on a Tuesday')
  })

  it('continues a conversation with its history, honouring limit, persona and images', async () => {
    const brain = scriptedBrain((input) => tokens(`Answer ${input.messages.length}.`))
    await companion.start({ brain })
    const c = await client()
    const first = await turn(c, chat('one'))
    const conversationId = first[0]!.conversation_id
    await turn(c, chat('two', { conversation_id: conversationId }))
    const third = await turn(c, chat('three', { conversation_id: conversationId, limit: 3, persona: 'Be terse.', images: ['data:image/png;base64,AAAA'] }))
    expect(third[0]!.conversation_id).toBe(conversationId)
    const input = brain.inputs[2]!
    expect(input.messages).toEqual([
      { role: 'assistant', content: 'Answer 1.' },
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'Answer 3.' },
      { role: 'user', content: 'three' },
    ])
    expect(input.persona).toBe('Be terse.')
    expect(input.images).toEqual(['data:image/png;base64,AAAA'])
    expect(input.userId).toBe('ann')
    expect(input.signal.aborted).toBe(false)
  })

  it('uses the avatar config persona when the message has none', async () => {
    const brain = scriptedBrain(() => tokens('ok'))
    await companion.start({ brain })
    const c = await client()
    await turn(c, chat('hi'))
    expect(brain.inputs[0]!.persona).toMatch(/You are Mira/)
  })

  it('starts an unknown conversation_id fresh under that id, and refuses one owned by another user', async () => {
    await companion.start({ brain: scriptedBrain(() => tokens('ok')) })
    const c = await client()
    const id = '9b2f4c1e-0000-4000-8000-000000000001'
    const frames = await turn(c, chat('hello', { conversation_id: id }))
    expect(frames[0]!.conversation_id).toBe(id)
    const from = c.frames.length
    c.send(chat('mine now', { conversation_id: id, user_id: 'bob' }))
    const error = await c.waitFor((f) => f.type === 'error', { from })
    expect(error).toMatchObject({ code: 400, error: expect.stringMatching(/another user/) })
    c.send(chat('bad id', { conversation_id: '../../etc/passwd' }))
    expect(await c.waitFor((f) => f.type === 'error' && /Invalid conversation_id/.test(String(f.error)), { from })).toMatchObject({ code: 400 })
    expect(c.frames.slice(from).some((f) => f.type === 'stream_start')).toBe(false)
  })

  it('refuses a message over MAX_CHAT_MESSAGE_CHARS with a clear error, starting and storing nothing', async () => {
    const server = await companion.start({ brain: scriptedBrain(() => tokens('ok')) })
    const c = await client()
    const id = '9b2f4c1e-0000-4000-8000-000000000002'
    const from = c.frames.length
    c.send(chat('x'.repeat(MAX_CHAT_MESSAGE_CHARS + 1), { conversation_id: id }))
    expect(await c.waitFor((f) => f.type === 'error', { from })).toMatchObject({
      code: 400,
      error: `Message too long: ${MAX_CHAT_MESSAGE_CHARS + 1} characters, the limit is ${MAX_CHAT_MESSAGE_CHARS}. Send it in parts.`,
    })
    // The connection goes on: a message at the limit is answered, and only it is in the history.
    const frames = await turn(c, chat('y'.repeat(MAX_CHAT_MESSAGE_CHARS), { conversation_id: id }))
    expect(frames.slice(0, frames.indexOf(frames.find((f) => f.type === 'stream_start')!)).some((f) => f.type === 'error')).toBe(false)
    expect(streamed(frames)).toBe('ok')
    await server.stop({ keepData: true })
    const again = await companion.start({ dataDir: server.dataDir })
    const history = await fetch(`${again.restBase}/stm/chat-history?user_id=ann&agent_id=mira&session_id=${id}`)
    expect(((await history.json()) as { messages: Array<{ role: string; content: string }> }).messages.map((m) => [m.role, m.content.length])).toEqual([
      ['user', MAX_CHAT_MESSAGE_CHARS],
      ['assistant', 2],
    ])
  })

  it('reports a brain failure as an error with the turn_id, then still ends the turn', async () => {
    await companion.start({ brain: failingBrain('Model unreachable', 500) })
    const c = await client()
    const frames = await turn(c, chat('hi'))
    const start = frames[0]!
    expect(frames.find((f) => f.type === 'error')).toMatchObject({ error: 'Model unreachable', code: 500, turn_id: start.turn_id })
    expect(frames.at(-1)).toMatchObject({ type: 'stream_end', turn_id: start.turn_id, content: 'Partial ' })
  })

  it('serves two clients with concurrent turns, each frame to its own client', async () => {
    await companion.start({
      brain: scriptedBrain((input) => tokens(...Array.from({ length: 20 }, (_, i) => `${input.messages.at(-1)!.content}${i} `))),
    })
    const [a, b] = await Promise.all([client(), client()])
    const [fa, fb] = await Promise.all([turn(a, chat('A')), turn(b, chat('B'))])
    expect(streamed(fa)).toBe(Array.from({ length: 20 }, (_, i) => `A${i} `).join(''))
    expect(streamed(fb)).toBe(Array.from({ length: 20 }, (_, i) => `B${i} `).join(''))
    expect(fa[0]!.conversation_id).not.toBe(fb[0]!.conversation_id)
  })

  it('runs several turns of one client at once', async () => {
    await companion.start({ brain: scriptedBrain((input) => tokens(`${input.messages.at(-1)!.content}.`, ' Done.')) })
    const c = await client()
    c.send(chat('first'))
    c.send(chat('second'))
    await c.waitFor(() => c.frames.filter((f) => f.type === 'stream_end').length === 2)
    const ends = c.frames.filter((f) => f.type === 'stream_end').map((f) => f.content)
    expect(ends.sort()).toEqual(['first. Done.', 'second. Done.'])
  })
})
