/** Why a message stopped travels with a text code, so the renderer can say it in the reader's language. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REASON_CONNECTION_LOST } from '../../../src/main/core/session/chat-session'
import { messageReason, Outbox, REASON_APP_CLOSED } from '../../../src/main/core/session/outbox'
import { harness, until } from './session-harness'

describe('message reasons', () => {
  it('a connection lost mid-answer: the message says so with its code, in the event too', async () => {
    const h = await harness({ state: 'ready' })
    const m = h.session.send({ text: 'tell me a story' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.link.push({ type: 'stream_start', turn_id: 't1' })
    h.link.setState('reconnecting')
    const cutOff = { state: 'interrupted', reason: REASON_CONNECTION_LOST, reasonCode: 'messageConnectionLost' }
    expect(h.outbox.get(m.id)).toMatchObject(cutOff)
    expect(h.of('message').at(-1)?.message).toMatchObject(cutOff)
  })

  it('a message the app closed on is interrupted with its code; the server’s own refusal has none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mira-reasons-'))
    try {
      const file = join(dir, 'outbox.json')
      const outbox = await Outbox.open(file)
      const sent = outbox.add({ conversationKey: 'k', text: 'a' })
      outbox.update(sent.id, { state: 'sent', turnId: 't1' })
      await outbox.flush()
      const reopened = await Outbox.open(file)
      expect(reopened.get(sent.id)).toMatchObject({ state: 'interrupted', reason: REASON_APP_CLOSED, reasonCode: 'messageAppClosed' })

      const h = await harness({ state: 'ready' })
      const early = h.session.send({ text: 'no agent' })
      await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
      h.link.push({ type: 'error', error: 'agent_id is required', code: 400 })
      expect(h.outbox.get(early.id)).toEqual(expect.objectContaining({ state: 'failed', reason: 'agent_id is required' }))
      expect(h.outbox.get(early.id)?.reasonCode).toBeUndefined()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a new reason replaces the old one’s code and params; a retry clears them all', async () => {
    const outbox = await Outbox.open(null)
    const m = outbox.add({ conversationKey: 'k', text: 'x' })
    outbox.update(m.id, { state: 'interrupted', ...messageReason('Lost: h', 'someCode', { host: 'h' }) })
    expect(outbox.get(m.id)).toMatchObject({ reason: 'Lost: h', reasonCode: 'someCode', reasonParams: { host: 'h' } })
    outbox.update(m.id, { state: 'failed', reason: 'server words' })
    expect(outbox.get(m.id)).toEqual(expect.not.objectContaining({ reasonCode: expect.anything() }))
    expect(outbox.get(m.id)?.reasonParams).toBeUndefined()
    outbox.update(m.id, { state: 'interrupted', ...messageReason(REASON_APP_CLOSED, 'messageAppClosed') })
    const again = outbox.requeue(m.id)
    expect(again).toEqual(expect.objectContaining({ state: 'queued' }))
    expect([again.reason, again.reasonCode, again.reasonParams]).toEqual([undefined, undefined, undefined])
  })
})
