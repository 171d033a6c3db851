/** The General Bots adapter on its own: address, handshake, frame reading and the RATE_LIMITED back-off. */
import { describe, expect, it } from 'vitest'
import { generalBotsProtocol, type GeneralBotsFrame } from '../../../src/main/core/protocols/generalbots'
import { createProtocol } from '../../../src/main/core/protocols/registry'

const frame = (value: Record<string, unknown>): GeneralBotsFrame => {
  const parsed = generalBotsProtocol().parse(JSON.stringify(value), false)
  if (!parsed.ok) throw new Error(parsed.bad.message)
  return parsed.frame
}

describe('generalBotsProtocol', () => {
  it('connects to /ws with the token in the query, as the guide’s client does', () => {
    const gb = generalBotsProtocol()
    expect(gb.target('ws://bots.example:8080', { token: 'a b' }).url).toBe('ws://bots.example:8080/ws?token=a+b')
    expect(gb.target('wss://bots.example/ws?token=old', { token: 'new' }).url).toBe('wss://bots.example/ws?token=new')
    expect(gb.target('ws://bots.example:8080/v1/chat/stream', { token: 't' }).url).toBe('ws://bots.example:8080/ws?token=t')
    expect(gb.target('ws://bots.example:8080/bot/ws', { token: 't' }).url).toBe('ws://bots.example:8080/bot/ws?token=t')
  })

  it('waits for session_created without a fixed session, subscribes to a fixed one at once, and needs a token', () => {
    expect(generalBotsProtocol().handshake({ token: 't' })).toEqual({ kind: 'await', send: [] })
    expect(generalBotsProtocol({ sessionId: 's1' }).handshake({ token: 't' })).toEqual({ kind: 'open', send: [{ type: 'subscribe', session_id: 's1' }] })
    expect(generalBotsProtocol().handshake({ token: ' ' })).toMatchObject({ kind: 'missing', reason: { textCode: 'linkNoToken' } })
  })

  it('sends a new conversation to the session the bot made, and refuses AUTH_FAILED only', () => {
    const gb = generalBotsProtocol()
    gb.handshake({ token: 't' })
    expect(gb.control(frame({ type: 'session_created', session_id: 's9' }))).toEqual({ kind: 'ready' })
    const identity = { agentId: 'a', userId: 'u' }
    expect(gb.encode({ kind: 'send', text: 'hi', identity })).toEqual({ frames: [{ type: 'message', session_id: 's9', content: 'hi' }], conversationId: 's9' })
    expect(gb.encode({ kind: 'send', text: 'hi', identity, conversationId: 'old' })?.conversationId).toBe('old')
    expect(gb.encode({ kind: 'interrupt' })).toBeUndefined()
    expect(gb.control(frame({ type: 'pong', timestamp: 'x' }))).toEqual({ kind: 'consumed' })
    expect(gb.control(frame({ type: 'error', code: 'RATE_LIMITED', message: 'm' }))).toEqual({ kind: 'pass' })
    expect(gb.control(frame({ type: 'error', code: 'AUTH_FAILED', message: 'expired' }))).toMatchObject({ kind: 'refused', reason: { textCode: 'generalbotsAuthFailed' } })
    expect(gb.heartbeat?.intervalMs).toBe(30_000)
    expect(gb.heartbeat?.frame()).toEqual({ type: 'ping' })
    expect(gb.limits.maxFrameBytes).toBe(65_536)
  })

  it('reads fields wrapped in `payload` as the guide’s format summary shows them', () => {
    expect(frame({ type: 'stream_chunk', payload: { message_id: 'm', content: 'x' }, timestamp: 't' })).toMatchObject({ message_id: 'm', content: 'x' })
  })

  it('doubles the RATE_LIMITED back-off for each refusal in a row, and gives that message up after five', () => {
    const gb = generalBotsProtocol({ rateLimitBackoffMs: 100 })
    gb.handshake({ token: 't' })
    gb.control(frame({ type: 'session_created', session_id: 's' }))
    const limited = frame({ type: 'error', code: 'RATE_LIMITED', message: 'Too many messages' })
    const delays = Array.from({ length: 7 }, () => {
      gb.encode({ kind: 'send', text: 'x', identity: { agentId: 'a', userId: 'u' } })
      const [event] = gb.decode(limited)
      return event?.kind === 'error' ? event.retryAfterMs : 'no error'
    })
    expect(delays).toEqual([100, 200, 400, 800, 1600, undefined, 100])
  })

  it('ignores answers nobody here asked for, and users’ messages echoed to the session', () => {
    const gb = generalBotsProtocol()
    gb.handshake({ token: 't' })
    expect(gb.decode(frame({ type: 'stream_start', session_id: 's', message_id: 'm' }))).toEqual([{ kind: 'ignored', what: 'stream_start' }])
    expect(gb.decode(frame({ type: 'tool_call', session_id: 's', tool: 'x', arguments: {} }))).toEqual([{ kind: 'ignored', what: 'tool_call' }])
    gb.encode({ kind: 'send', text: 'x', identity: { agentId: 'a', userId: 'u' }, conversationId: 's' })
    expect(gb.decode(frame({ type: 'message', session_id: 's', role: 'user', content: 'x' }))).toEqual([{ kind: 'ignored', what: 'message' }])
    expect(gb.decode(frame({ type: 'message', session_id: 's', message_id: 'm', role: 'assistant', content: 'Hi.' })).map((e) => e.kind)).toEqual(['turn-start', 'turn-end'])
  })

  it('is in the registry', () => {
    expect(createProtocol('generalbots', { sessionId: 's' }).handshake({ token: 't' })).toMatchObject({ kind: 'open' })
  })
})
