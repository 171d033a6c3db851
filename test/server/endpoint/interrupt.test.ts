/** Conformance, part 3: interrupt_stream and shutdown. */
import { describe, expect, it } from 'vitest'
import { endlessBrain } from '../support/brains'
import type { RawClient} from '../support/raw-client';
import { type Frame } from '../support/raw-client'
import { useCompanion } from '../support/fixture'

const companion = useCompanion()
const client = () => companion.client()

const chat = (content: string) => ({ type: 'chat_message', content, agent_id: 'mira', user_id: 'ann' })

/** Starts a turn and waits until a few tokens streamed; returns its stream_start. */
async function startTurn(c: RawClient, content = 'go'): Promise<Frame> {
  const from = c.frames.length
  c.send(chat(content))
  const start = await c.waitFor((f) => f.type === 'stream_start', { from })
  await c.waitFor(() => c.frames.slice(from).filter((f) => f.type === 'stream_token').length >= 3)
  return start
}

function tokensOf(frames: Frame[], start: Frame): string {
  return frames
    .slice(frames.indexOf(start))
    .filter((f) => f.type === 'stream_token')
    .map((f) => f.chunk)
    .join('')
}

describe('interrupt_stream', () => {
  it('with turn_id: 4003 "Turn <id> interrupted", the brain signal fires, stream_end holds what was streamed', async () => {
    const brain = endlessBrain()
    await companion.start({ brain })
    const c = await client()
    const start = await startTurn(c)
    c.send({ type: 'interrupt_stream', turn_id: start.turn_id })
    const error = await c.waitFor((f) => f.type === 'error')
    expect(error).toEqual({ type: 'error', error: `Turn ${start.turn_id} interrupted`, code: 4003, id: null, timestamp: null })
    const end = await c.waitFor((f) => f.type === 'stream_end')
    expect(c.frames.indexOf(error)).toBeLessThan(c.frames.indexOf(end))
    expect(end.turn_id).toBe(start.turn_id)
    expect(end.content).toBe(tokensOf(c.frames, start))
    expect(String(end.content).length).toBeGreaterThan(0)
    expect(brain.inputs[0]!.signal.aborted).toBe(true)
    // Nothing of the turn after its end: the server holds no active turn any more, and sent nothing before saying so.
    const from = c.frames.length
    c.send({ type: 'interrupt_stream' })
    const none = await c.waitFor((f) => f.type === 'error', { from })
    expect(none).toMatchObject({ error: 'No active turns to interrupt', code: 4004 })
    expect(c.frames.slice(c.frames.indexOf(end) + 1)).toEqual([none])
  })

  it('without turn_id: interrupts every active turn ("Interrupted 2 active turns")', async () => {
    await companion.start({ brain: endlessBrain() })
    const c = await client()
    await startTurn(c, 'one')
    await startTurn(c, 'two')
    c.send({ type: 'interrupt_stream' })
    expect(await c.waitFor((f) => f.type === 'error')).toMatchObject({ error: 'Interrupted 2 active turns', code: 4003 })
    await c.waitFor(() => c.frames.filter((f) => f.type === 'stream_end').length === 2)
  })

  it('with nothing running: 4004 "No active turns to interrupt"; an unknown turn_id: 4004 too', async () => {
    await companion.start({ brain: endlessBrain() })
    const c = await client()
    c.send({ type: 'interrupt_stream' })
    expect(await c.waitFor((f) => f.type === 'error')).toMatchObject({ error: 'No active turns to interrupt', code: 4004 })
    const from = c.frames.length
    c.send({ type: 'interrupt_stream', turn_id: 'nope' })
    expect(await c.waitFor((f) => f.type === 'error', { from })).toMatchObject({ code: 4004 })
  })

  it('ends the turn at once even when the brain ignores its AbortSignal', async () => {
    await companion.start({ brain: endlessBrain({ ignoreAbort: true, maxTokens: 400, intervalMs: 5 }) })
    const c = await client()
    const start = await startTurn(c)
    c.send({ type: 'interrupt_stream', turn_id: start.turn_id })
    const end = await c.waitFor((f) => f.type === 'stream_end')
    expect(end.content).toBe(tokensOf(c.frames, start))
    // At once: not after the brain's 400 words, however slow the machine.
    expect(String(end.content).split('word.').length - 1).toBeLessThan(400)
  })

  it("only touches the client's own turns", async () => {
    await companion.start({ brain: endlessBrain() })
    const [a, b] = await Promise.all([client(), client()])
    await startTurn(a)
    b.send({ type: 'interrupt_stream' })
    expect(await b.waitFor((f) => f.type === 'error')).toMatchObject({ code: 4004 })
    expect(a.frames.some((f) => f.type === 'stream_end')).toBe(false)
  })
})

describe('close()', () => {
  it('ends open turns with stream_end, closes sockets with 1001 and keeps the partial answer', async () => {
    const server = await companion.start({ brain: endlessBrain() })
    const c = await client()
    const start = await startTurn(c)
    const dataDir = server.dataDir
    await server.stop({ keepData: true })
    expect((await c.closed).code).toBe(1001)
    const end = c.frames.find((f) => f.type === 'stream_end')
    expect(end).toMatchObject({ turn_id: start.turn_id, content: tokensOf(c.frames, start) })

    const restarted = await companion.start({ dataDir, brain: endlessBrain() })
    const res = await fetch(`${restarted.restBase}/stm/chat-history?user_id=ann&agent_id=mira&session_id=${String(start.conversation_id)}`)
    expect(await res.json()).toEqual({
      session_id: start.conversation_id,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: end!.content },
      ],
    })
  })
})
