/**
 * General Bots' failures through the real link and session against the fake: each error code in
 * Mira's words, a refused or missing token (auth-failed, no retry loop), RATE_LIMITED backing off
 * and sending again, the 64 KB limit checked before sending, and malformed frames.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { GENERALBOTS_MAX_MESSAGE_BYTES } from '../../../src/main/core/protocols/generalbots'
import { cleanUp, ready, setup, waitFor } from './generalbots-setup'

afterEach(cleanUp)

describe('General Bots errors in a session', () => {
  it.each([
    ['SESSION_NOT_FOUND', 'generalbotsSessionNotFound', 'start a new conversation'],
    ['MESSAGE_TOO_LARGE', 'generalbotsMessageTooLarge', 'shorten it'],
    ['INVALID_FORMAT', 'generalbotsInvalidFormat', 'could not read'],
    ['SUBSCRIPTION_FAILED', 'generalbotsSubscriptionFailed', 'check the session id'],
    ['BOT_EXPLODED', 'serverError', 'The server reported an error'],
  ])('words %s for the user and fails the message it answers', async (code, textCode, words) => {
    const t = await setup({ fake: { answer: () => [{ say: 'Half' }, { fail: code, message: 'the server says why' }] } })
    await ready(t)
    const message = t.session.send({ text: 'hi' })
    await waitFor(() => expect(t.last(message.id)?.state).toBe('failed'))
    const failed = t.last(message.id)
    expect(failed).toMatchObject({ reasonCode: textCode, reasonParams: { message: 'the server says why' } })
    expect(failed?.reason).toContain(words)
    expect(failed?.reason).toContain('the server says why')
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-error')).toEqual([{ type: 'turn-error', turnId, messageId: message.id, code, error: failed?.reason }])
  })

  it('fails a message to a session the bot no longer has, before any turn, in Mira’s words', async () => {
    const t = await setup()
    await ready(t)
    const first = t.session.send({ text: 'one' })
    await waitFor(() => expect(t.last(first.id)?.state).toBe('answered'))
    const sessionId = String(t.bots.chatMessages()[0]?.frame.session_id)
    t.bots.expireSession(sessionId)
    const second = t.session.send({ text: 'two', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.last(second.id)?.state).toBe('failed'))
    expect(t.last(second.id)).toMatchObject({ reasonCode: 'generalbotsSessionNotFound' })
    expect(t.of('turn-error').at(-1)).toMatchObject({ messageId: second.id, code: 'SESSION_NOT_FOUND' })
    expect(t.of('turn-start')).toHaveLength(1)
  })

  it('goes auth-failed on a refused token without trying again', async () => {
    const t = await setup({ token: 'wrong' })
    await waitFor(() => expect(t.link.status.state).toBe('auth-failed'))
    expect(t.link.status).toMatchObject({ reasonCode: 'generalbotsAuthFailed', reasonParams: { message: 'Invalid or expired token' } })
    // auth-failed is left only by the user (retryNow): one connection, whatever time passes.
    expect(t.bots.connectionCount).toBe(1)
    const queued = t.session.send({ text: 'waits' })
    expect(t.last(queued.id)?.state).toBe('queued')
    expect(t.texts()).toEqual([])
  })

  it('goes auth-failed without a token, sending nothing', async () => {
    const t = await setup({ token: null })
    await waitFor(() => expect(t.link.status.state).toBe('auth-failed'))
    expect(t.link.status.reasonCode).toBe('linkNoToken')
    expect(t.bots.received).toEqual([])
    expect(t.bots.connectionCount).toBe(1)
  })

  it('backs off on RATE_LIMITED and sends the message again, answered once', async () => {
    // The fake's clock passes its window when the third try of "two" arrives: the first two are refused.
    const t = await setup({
      fake: { rateLimit: { max: 1, windowMs: 1_000 }, now: () => (t.texts().filter((m) => m === 'two').length >= 3 ? 5_000 : 0) },
      protocol: { rateLimitBackoffMs: 20 },
    })
    await ready(t)
    const first = t.session.send({ text: 'one' })
    await waitFor(() => expect(t.last(first.id)?.state).toBe('answered'))
    const second = t.session.send({ text: 'two', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.last(second.id)?.reasonCode).toBe('messageRateLimited'))
    await waitFor(() => expect(t.last(second.id)?.state).toBe('answered'))
    expect(t.texts()).toEqual(['one', 'two', 'two', 'two'])
    expect(t.of('turn-end').map((e) => e.content)).toEqual(['You said: one', 'You said: two'])
    expect(t.of('turn-error')).toEqual([])
  })

  it('gives up on RATE_LIMITED after five tries, in Mira’s words', async () => {
    const t = await setup({ fake: { rateLimit: { max: 0, windowMs: 1_000 }, now: () => 0 }, protocol: { rateLimitBackoffMs: 1 } })
    await ready(t)
    const message = t.session.send({ text: 'busy' })
    await waitFor(() => expect(t.last(message.id)?.state).toBe('failed'))
    expect(t.last(message.id)?.reasonCode).toBe('generalbotsRateLimited')
    expect(t.texts()).toHaveLength(6)
  })

  it('refuses a message over 64 KB before sending it, and loses nothing else', async () => {
    const t = await setup()
    await ready(t)
    const big = t.session.send({ text: 'x'.repeat(GENERALBOTS_MAX_MESSAGE_BYTES) })
    const small = t.session.send({ text: 'small' })
    await waitFor(() => expect(t.last(small.id)?.state).toBe('answered'))
    expect(t.last(big.id)).toMatchObject({ state: 'failed', reasonCode: 'messageTooLarge', reasonParams: { max: GENERALBOTS_MAX_MESSAGE_BYTES } })
    expect(t.texts()).toEqual(['small'])
  })

  it('reports malformed frames and ignores unknown ones without failing the answer', async () => {
    const t = await setup({
      fake: {
        answer: () => [
          { say: 'Fine ' },
          { raw: '{not json' },
          { frame: { type: 'stream_chunk', nope: 1 } },
          { frame: { type: 'bots_new_feature' } },
          { raw: Buffer.from([1, 2, 3]) },
          { say: 'thanks.' },
        ],
      },
    })
    await ready(t)
    const message = t.session.send({ text: 'x' })
    await waitFor(() => expect(t.last(message.id)?.state).toBe('answered'))
    expect(t.of('turn-end')[0]?.content).toBe('Fine thanks.')
    expect(t.of('notice').map((n) => n.textCode).sort()).toEqual(['badFrameBinary', 'badFrameInvalid', 'badFrameNotJson'])
  })
})
