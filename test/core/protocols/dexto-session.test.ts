/**
 * The Dexto adapter through the real link and session against a minimal Dexto server: streamed
 * answers spoken sentence by sentence from the tokens, tool cards, errors, Stop without an
 * interrupt, a drop mid-answer, and a message queued offline sent once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { dextoProtocol } from '../../../src/main/core/protocols/dexto'
import { MiniDexto } from './mini-dexto'
import { openProtocolSession } from './protocol-session'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

async function setup(limits: { maxFrameBytes?: number } = {}) {
  const dexto = await MiniDexto.start()
  cleanups.push(() => dexto.stop())
  const opened = await openProtocolSession({ url: dexto.url, protocol: { ...dextoProtocol(), limits }, cleanups })
  /** A message's last state (an answered one leaves the outbox). */
  const stateOf = (id: string) => opened.last(id)?.state
  opened.link.start()
  return { dexto, ...opened, stateOf }
}

async function ready(t: Awaited<ReturnType<typeof setup>>) {
  await waitFor(() => expect(t.link.status.state).toBe('ready'))
  await waitFor(() => expect(t.dexto.connected).toBe(true))
}

describe('the Dexto adapter in a session', () => {
  it('streams an answer with tool cards, speaks it sentence by sentence, and continues the conversation', async () => {
    const t = await setup()
    await ready(t)
    const first = t.session.send({ text: 'hello' })
    await waitFor(() => expect(t.dexto.messages()).toHaveLength(1))
    const [reset, message] = t.dexto.received
    expect(message).toMatchObject({ type: 'message', content: 'hello', stream: true })
    const sessionId = message?.sessionId
    expect(typeof sessionId).toBe('string')
    // A new conversation starts clean, also on a server that keeps one session.
    expect(reset).toEqual({ type: 'reset', sessionId })

    t.dexto.send('thinking')
    t.dexto.send('chunk', { content: 'Let me look. ' })
    await waitFor(() => expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Let me look.']))
    expect(t.of('turn-end')).toHaveLength(0) // spoken while the answer still streams
    t.dexto.send('toolCall', { toolName: 'list_files', serverId: 'fs', arguments: { path: '.' } })
    t.dexto.send('toolResult', { toolName: 'list_files', serverId: 'fs', result: ['a.txt'] })
    t.dexto.send('chunk', { content: 'There is one file' })
    t.dexto.send('response', { content: 'Let me look. There is one file.' })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))

    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-start')[0]).toMatchObject({ conversationId: sessionId, messageId: first.id })
    expect(t.of('turn-tool-call')).toEqual([{ type: 'turn-tool-call', turnId, toolName: 'list_files', args: { path: '.' } }])
    expect(t.of('turn-tool-result')).toEqual([{ type: 'turn-tool-result', turnId, toolName: 'list_files', result: ['a.txt'] }])
    expect(t.of('turn-token').map((e) => e.chunk).join('')).toBe('Let me look. There is one file')
    expect(t.of('turn-end')[0]).toMatchObject({ turnId, content: 'Let me look. There is one file.', conversationId: sessionId })
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Let me look.', 'There is one file.'])
    // The last sentence is spoken before the turn ends (the speech queue takes it with the turn open).
    const order = t.events.map((e) => e.type)
    expect(order.lastIndexOf('turn-speech')).toBeLessThan(order.indexOf('turn-end'))
    await waitFor(() => expect(t.stateOf(first.id)).toBe('answered'))

    t.session.send({ text: 'and then?', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.dexto.messages()).toHaveLength(2))
    expect(t.dexto.received.at(-1)).toEqual({ type: 'message', content: 'and then?', sessionId, stream: true })
    expect(t.dexto.received.filter((f) => f.type === 'reset')).toHaveLength(1)
  })

  it('stops at once on Stop although Dexto cannot interrupt, and ignores the rest of that answer', async () => {
    const t = await setup()
    await ready(t)
    const message = t.session.send({ text: 'tell me a long story' })
    await waitFor(() => expect(t.dexto.messages()).toHaveLength(1))
    t.dexto.send('thinking')
    t.dexto.send('chunk', { content: 'Once upon a time' })
    await waitFor(() => expect(t.of('turn-token')).toHaveLength(1))

    t.session.interrupt()
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-interrupted')).toEqual([{ type: 'turn-interrupted', turnId, reason: 'interrupted', content: 'Once upon a time' }])
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['stoppedLocally'])
    await waitFor(() => expect(t.stateOf(message.id)).toBe('answered'))

    // The server goes on; none of it reaches the user, and the next answer is attributed right.
    t.dexto.send('chunk', { content: ' there was a dragon.' })
    t.dexto.send('response', { content: 'Once upon a time there was a dragon.' })
    t.session.send({ text: 'hi', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.dexto.messages()).toHaveLength(2))
    t.dexto.send('chunk', { content: 'Hello!' })
    t.dexto.send('response', { content: 'Hello!' })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('turn-token').map((e) => e.chunk)).toEqual(['Once upon a time', 'Hello!'])
    expect(t.of('turn-end')[0]?.turnId).not.toBe(turnId)
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Hello!'])
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['stoppedLocally'])
    // Nothing was sent to stop it: the protocol has no such frame.
    expect(t.dexto.received.map((f) => f.type)).toEqual(['reset', 'message', 'message'])
  })

  it('fails the message on an agent error, with the code the server gave', async () => {
    const t = await setup()
    await ready(t)
    const message = t.session.send({ text: 'break' })
    await waitFor(() => expect(t.dexto.messages()).toHaveLength(1))
    t.dexto.send('thinking')
    t.dexto.send('error', { message: 'Agent processing failed', code: 'AGENT_ERROR' })
    await waitFor(() => expect(t.stateOf(message.id)).toBe('failed'))
    expect(t.of('turn-error')).toEqual([
      { type: 'turn-error', turnId: t.of('turn-start')[0]?.turnId, messageId: message.id, code: 'AGENT_ERROR', error: 'Agent processing failed' },
    ])
  })

  it('marks an answer cut off by a lost connection interrupted, and sends a message queued offline once', async () => {
    const t = await setup()
    await ready(t)
    const cut = t.session.send({ text: 'first' })
    await waitFor(() => expect(t.dexto.messages()).toHaveLength(1))
    t.dexto.send('chunk', { content: 'Half an ans' })
    await waitFor(() => expect(t.of('turn-token')).toHaveLength(1))
    t.dexto.drop()
    await waitFor(() => expect(t.stateOf(cut.id)).toBe('interrupted'))
    expect(t.of('turn-interrupted')[0]).toMatchObject({ reason: 'connection-lost', content: 'Half an ans' })

    await ready(t)
    const queued = t.session.send({ text: 'second' })
    await waitFor(() => expect(t.dexto.messages().map((m) => m.content)).toEqual(['first', 'second']))
    t.dexto.send('response', { content: 'Whole answer.' })
    await waitFor(() => expect(t.stateOf(queued.id)).toBe('answered'))
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Whole answer.'])
    // The cut-off one was never re-sent on its own.
    expect(t.dexto.messages().map((m) => m.content)).toEqual(['first', 'second'])
  })

  it('reports malformed frames and unknown events without failing the answer', async () => {
    const t = await setup()
    await ready(t)
    t.session.send({ text: 'x' })
    await waitFor(() => expect(t.dexto.messages()).toHaveLength(1))
    t.dexto.send('chunk', { nope: 1 })
    t.dexto.send('sessionsUpdated', {})
    t.dexto.send('response', { content: 'Fine.' })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['badFrameInvalid'])
  })

  it('fails a message too large for the protocol before sending anything, saying why, and sends the next', async () => {
    const t = await setup({ maxFrameBytes: 300 })
    await ready(t)
    const big = t.session.send({ text: 'x'.repeat(400) })
    await waitFor(() => expect(t.stateOf(big.id)).toBe('failed'))
    const failed = t.of('message').filter((e) => e.message.id === big.id).at(-1)?.message
    expect(failed).toMatchObject({ reasonCode: 'messageTooLarge', reasonParams: { max: 300 } })
    expect(failed?.reason).toMatch(/^Too long for this server: \d+ bytes, at most 300$/)
    t.session.send({ text: 'short' })
    await waitFor(() => expect(t.dexto.messages().map((m) => m.content)).toEqual(['short']))
  })
})
