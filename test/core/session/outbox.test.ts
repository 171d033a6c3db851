import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OutgoingMessage } from '../../../src/shared/host/messages'
import { Outbox, REASON_APP_CLOSED } from '../../../src/main/core/session/outbox'

let dir: string
let file: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-outbox-'))
  file = join(dir, 'outbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('Outbox', () => {
  it('persists messages in order and reloads them', async () => {
    const outbox = await Outbox.open(file)
    const a = outbox.add({ conversationKey: 'c1', text: 'one' })
    const b = outbox.add({ conversationKey: 'c2', text: 'two', images: ['data:image/png;base64,AA=='] })
    const c = outbox.add({ conversationKey: 'c1', text: 'three' })
    outbox.setConversationId('c1', 'server-conv-1')
    await outbox.flush()
    const reopened = await Outbox.open(file)
    expect(reopened.list().map((m) => m.id)).toEqual([a.id, b.id, c.id])
    expect(reopened.list().map((m) => m.state)).toEqual(['queued', 'queued', 'queued'])
    expect(reopened.get(b.id)?.images).toEqual(['data:image/png;base64,AA=='])
    expect(reopened.conversationId('c1')).toBe('server-conv-1')
    expect(reopened.conversationKeyFor('server-conv-1')).toBe('c1')
    expect(await readdir(dir)).toEqual(['outbox.json'])
  })

  it('turns sending and sent messages into interrupted on reopen, never back into queued', async () => {
    const outbox = await Outbox.open(file)
    const sending = outbox.add({ conversationKey: 'k', text: 'a' })
    const sent = outbox.add({ conversationKey: 'k', text: 'b' })
    const queued = outbox.add({ conversationKey: 'k', text: 'c' })
    const failed = outbox.add({ conversationKey: 'k', text: 'd' })
    outbox.update(sending.id, { state: 'sending' })
    outbox.update(sent.id, { state: 'sent', turnId: 't1' })
    outbox.update(failed.id, { state: 'failed', reason: 'nope' })
    await outbox.flush()

    const reopened = await Outbox.open(file)
    const states = Object.fromEntries(reopened.list().map((m) => [m.text, [m.state, m.reason]]))
    expect(states).toEqual({
      a: ['interrupted', REASON_APP_CLOSED],
      b: ['interrupted', REASON_APP_CLOSED],
      c: ['queued', undefined],
      d: ['failed', 'nope'],
    })
    expect(reopened.get(queued.id)?.state).toBe('queued')
    // The fix-up itself was saved.
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { messages: OutgoingMessage[] }
    expect(onDisk.messages.map((m) => m.state)).toEqual(['interrupted', 'interrupted', 'queued', 'failed'])
  })

  it('announces every change; an answered message leaves, a discarded one is removed', async () => {
    const outbox = await Outbox.open(file)
    const events: string[] = []
    outbox.on('changed', (m) => events.push(`${m.text}:${m.state}`))
    outbox.on('removed', (id) => events.push(`removed:${id}`))
    const a = outbox.add({ conversationKey: 'k', text: 'a' })
    const b = outbox.add({ conversationKey: 'k', text: 'b' })
    outbox.update(a.id, { state: 'answered' })
    outbox.remove(b.id)
    expect(events).toEqual(['a:queued', 'b:queued', 'a:answered', `removed:${b.id}`])
    expect(outbox.list()).toEqual([])
    await outbox.flush()
    expect((await Outbox.open(file)).list()).toEqual([])
  })

  it('requeues at the back and clears the old attempt', async () => {
    const outbox = await Outbox.open(null)
    const a = outbox.add({ conversationKey: 'k', text: 'a' })
    outbox.add({ conversationKey: 'k', text: 'b' })
    outbox.update(a.id, { state: 'interrupted', turnId: 't', reason: 'lost' })
    const again = outbox.requeue(a.id)
    expect(again).toMatchObject({ id: a.id, state: 'queued' })
    expect(again.reason).toBeUndefined()
    expect(again.turnId).toBeUndefined()
    expect(outbox.list().map((m) => m.text)).toEqual(['b', 'a'])
  })

  it('returns copies, so callers cannot change its state behind its back', async () => {
    const outbox = await Outbox.open(null)
    const a = outbox.add({ conversationKey: 'k', text: 'a' })
    a.state = 'answered'
    outbox.list()[0]!.text = 'changed'
    expect(outbox.get(a.id)).toMatchObject({ state: 'queued', text: 'a' })
  })

  it('moves an unreadable file aside and drops invalid entries', async () => {
    await writeFile(file, '[1,2')
    const outbox = await Outbox.open(file)
    expect(outbox.recoveredFrom).toMatch(/outbox\.corrupt-/)
    expect(outbox.list()).toEqual([])

    const good = { id: 'm1', conversationKey: 'k', text: 'hi', createdAt: 1, state: 'queued' }
    await writeFile(file, JSON.stringify({ version: 1, messages: [good, { id: 5 }], conversations: [] }))
    const partial = await Outbox.open(file)
    expect(partial.recoveredFrom).toBeUndefined()
    expect(partial.list()).toEqual([good])
  })
})
