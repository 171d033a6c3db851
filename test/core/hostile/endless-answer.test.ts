/**
 * Hostile server: an answer that never ends. The turn's text is capped at `MAX_TURN_TEXT`: the
 * turn is stopped as `too-long`, the server is told to stop, and the link stays up for the next
 * message. Memory is bounded by the cap, asserted on what the session handed on.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import { ChatSession } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'
import type { HostEvent, HostEventOf } from '../../../src/shared/host/events'
import { MAX_TURN_TEXT } from '../../../src/shared/protocol'
import { echoAnswer, endlessAnswer, FakeAgentServer } from '../../support/fake-agent-server'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 30_000, interval: 20 })

describe('an endless answer', () => {
  it('is stopped as too long at the cap, and the link answers the next message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mira-endless-'))
    const sent = { chars: 0 }
    const server = await FakeAgentServer.start({ answer: endlessAnswer('x'.repeat(64 * 1024), { ceiling: 3 * MAX_TURN_TEXT, sent }) })
    const link = new ChatLink({ url: server.url, getToken: () => server.token })
    const outbox = await Outbox.open(join(dir, 'outbox.json'))
    const session = new ChatSession({ link, outbox, identity: () => ({ agentId: 'mira', userId: 'tester' }), restBase: () => server.restBase })
    const events: HostEvent[] = []
    session.on('event', (e) => events.push(e))
    cleanups.push(async () => {
      session.dispose()
      await link.stop()
      await server.stop()
      await outbox.flush()
      await rm(dir, { recursive: true, force: true })
    })
    const of = <K extends HostEvent['type']>(type: K) => events.filter((e): e is HostEventOf<K> => e.type === type)
    link.start()
    await waitFor(() => expect(link.status.state).toBe('ready'))

    const message = session.send({ text: 'talk forever' })
    await waitFor(() => expect(of('turn-interrupted')).toHaveLength(1))
    const stopped = of('turn-interrupted')[0]
    if (!stopped) throw new Error('no turn-interrupted event')
    expect(stopped.reason).toBe('too-long')
    const streamed = of('turn-token').reduce((n, e) => n + e.chunk.length, 0)
    expect(streamed).toBeLessThanOrEqual(MAX_TURN_TEXT)
    expect(streamed).toBeGreaterThan(MAX_TURN_TEXT - 64 * 1024)
    expect(outbox.get(message.id)).toMatchObject({ state: 'interrupted', reasonCode: 'messageTooLong' })
    await server.waitForFrame((f) => f.type === 'interrupt_stream' && f.turn_id === stopped.turnId)
    // The server stopped well before its backstop: it was the client that ended it.
    expect(sent.chars).toBeLessThan(3 * MAX_TURN_TEXT)

    server.answer = echoAnswer
    const next = session.send({ text: 'still there?' })
    await waitFor(() => expect(outbox.get(next.id)?.state ?? 'answered').toBe('answered'))
    expect(link.status.state).toBe('ready')
    expect(of('turn-end').at(-1)?.content).toBe('You said: still there?')
    // Frames of the stopped turn that came after the cap went nowhere: no token after the stop.
    const stopIndex = events.indexOf(stopped)
    const startOfNext = events.findIndex((e, i) => i > stopIndex && e.type === 'turn-start')
    expect(events.slice(stopIndex + 1, startOfNext).filter((e) => e.type === 'turn-token')).toEqual([])
  }, 60_000)
})
