/**
 * The session over the real ChatLink and the fake agent server: delivery across server restarts
 * and dropped connections, end to end over loopback sockets.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host/events'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import { ChatSession, REASON_CONNECTION_LOST } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'
import { FakeAgentServer, speak } from '../../support/fake-agent-server'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'mira-session-link-'))
  const server = await FakeAgentServer.start()
  const link = new ChatLink({ url: server.url, getToken: () => server.token, backoff: { initialMs: 20, maxMs: 100 }, random: () => 0.5 })
  const outbox = await Outbox.open(join(dir, 'outbox.json'))
  const session = new ChatSession({
    link,
    outbox,
    identity: () => ({ agentId: 'mira', userId: 'tester' }),
    restBase: () => server.restBase,
  })
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
  const ready = () => vi.waitFor(() => expect(link.status.state).toBe('ready'), { timeout: 5_000, interval: 10 })
  const chats = () => server.framesOfType('chat_message').map((r) => r.frame)
  link.start()
  await ready()
  return { server, link, outbox, session, of, ready, chats }
}

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

describe('ChatSession with ChatLink and the fake agent server', () => {
  it('delivers a message queued while the server restarts exactly once, continuing the conversation', async () => {
    const t = await setup()
    const first = t.session.send({ text: 'hello' })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('turn-end')[0]?.content).toBe('You said: hello')
    const conversationId = t.of('turn-end')[0]?.conversationId

    await t.server.stop()
    await waitFor(() => expect(t.link.status.state).not.toBe('ready'))
    const queued = t.session.send({ text: 'are you back?', conversationKey: first.conversationKey })
    expect(t.session.pending()).toEqual([expect.objectContaining({ id: queued.id, state: 'queued' })])

    await t.server.restart()
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(2))
    expect(t.of('turn-end')[1]?.content).toBe('You said: are you back?')
    expect(t.chats().map((f) => [f.content, f.conversation_id])).toEqual([
      ['hello', undefined],
      ['are you back?', conversationId],
    ])
    expect(t.session.pending()).toEqual([])

    // Another drop and reconnect sends nothing again.
    const connections = t.server.connectionCount
    t.server.dropAll()
    await waitFor(() => expect(t.server.connectionCount).toBe(connections + 1))
    await t.ready()
    expect(t.chats()).toHaveLength(2)
  })

  it('interrupts a turn cut off by a dropped connection and sends it again only on retry', async () => {
    const t = await setup()
    t.server.answer = (message) => (message.content === 'slow' ? [...speak('Thinking.'), { hang: true }] : speak('Done.'))
    const slow = t.session.send({ text: 'slow' })
    await waitFor(() => expect(t.of('turn-speech')).toHaveLength(1))

    t.server.dropAll()
    await waitFor(() => expect(t.of('turn-interrupted')).toHaveLength(1))
    expect(t.of('turn-interrupted')[0]?.reason).toBe('connection-lost')
    expect(t.outbox.get(slow.id)).toMatchObject({ state: 'interrupted', reason: REASON_CONNECTION_LOST })
    await t.ready()
    expect(t.chats()).toHaveLength(1)

    t.server.answer = () => speak('Done.')
    t.session.retry(slow.id)
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.chats().map((f) => f.content)).toEqual(['slow', 'slow'])
    expect(t.session.pending()).toEqual([])
  })

  it('stops a turn on request and fetches the server assets', async () => {
    const t = await setup()
    t.server.answer = () => [...speak('One.'), { hang: true }]
    t.session.send({ text: 'talk' })
    await waitFor(() => expect(t.of('turn-speech')).toHaveLength(1))
    t.session.interrupt()
    await waitFor(() => expect(t.of('turn-interrupted')).toEqual([expect.objectContaining({ reason: 'interrupted' })]))
    expect(t.of('notice')).toEqual([expect.objectContaining({ level: 'info', code: 4003 })])
    expect(t.session.pending()).toEqual([])

    const backgrounds = await t.session.fetchBackgrounds()
    expect(backgrounds.map((b) => b.url)).toEqual([`${t.server.restBase}/bg/night.jpg`, `${t.server.restBase}/bg/beach.png`])
    expect(await t.session.fetchAvatarConfigs()).toEqual([
      { filename: 'mira.yaml', name: 'Mira' },
      { filename: 'shizuku.yaml', name: 'Shizuku' },
    ])
    const model = await t.session.switchAvatarConfig('shizuku.yaml')
    expect(model.source.url).toBe(`${t.server.restBase}/live2d/shizuku/runtime/shizuku.model3.json`)
    await waitFor(() => expect(t.of('avatar-switched')).toEqual([{ type: 'avatar-switched', file: 'shizuku.yaml' }]))
    await expect(t.session.switchAvatarConfig('missing.yaml')).rejects.toMatchObject({ code: 'server-error' })
  })
})
