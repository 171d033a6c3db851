/**
 * Lexicon's failures through the real link and session against the fake: each error code in
 * Mira's words (with the server's fix), a refused key, a missing key or user, a chat that does not
 * exist (auth-failed, no retry loop), RATE_LIMIT_EXCEEDED sending again, malformed frames.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { cleanUp, ready, setup, waitFor } from './lexicon-setup'

afterEach(cleanUp)

describe('Lexicon errors in a session', () => {
  it.each([
    ['AUTH_ERROR', 'lexiconAuthError', 'refused the API key'],
    ['CHAT_NOT_FOUND', 'lexiconChatNotFound', 'no such chat'],
    ['INVALID_MESSAGE', 'lexiconInvalidMessage', 'could not read'],
    ['AGENT_EXPLODED', 'serverError', 'The server reported an error'],
  ])('words %s for the user and fails the message it answers', async (code, textCode, words) => {
    const t = await setup({ fake: { answer: () => [{ say: 'Half' }, { fail: code, message: 'the server says why' }] } })
    await ready(t)
    const message = t.session.send({ text: 'hi' })
    await waitFor(() => expect(t.last(message.id)?.state).toBe('failed'))
    const failed = t.last(message.id)
    expect(failed?.reasonCode).toBe(textCode)
    expect(failed?.reason).toContain(words)
    expect(failed?.reason).toContain('the server says why')
    // The fake's fix for an answer that fails.
    expect(failed?.reason).toContain('Try again later')
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-error')).toEqual([{ type: 'turn-error', turnId, messageId: message.id, code, error: failed?.reason }])
    expect(t.link.status.state).toBe('ready')
  })

  it('goes auth-failed on a refused API key, showing the server’s fix, without trying again', async () => {
    const t = await setup({ credentials: { apiKey: 'wrong', userId: 'tester' } })
    await waitFor(() => expect(t.link.status.state).toBe('auth-failed'))
    expect(t.link.status).toMatchObject({
      reasonCode: 'lexiconAuthError',
      reasonParams: { message: 'Invalid API key', fix: 'Check your tenant API key value. Each tenant has a unique API key in the tenants table.' },
    })
    expect(t.link.status.reason).toContain('“Check your tenant API key value.')
    // The REST API refused the chat first (401); the socket then heard the server's own words.
    expect(t.creations().map((r) => r.headers['x-api-key'])).toEqual(['wrong'])
    expect(t.server.chats.size).toBe(0)
    // auth-failed is left only by the user (retryNow): one connection, no retry scheduled.
    expect(t.server.connectionCount).toBe(1)
    expect(t.link.status.nextAttemptAt).toBeUndefined()
    const queued = t.session.send({ text: 'waits' })
    expect(t.last(queued.id)?.state).toBe('queued')
    expect(t.texts()).toEqual([])
  })

  it('goes auth-failed on a chat the server does not have (a fixed --chat-id), with the fix', async () => {
    const t = await setup({ fixedChatId: '00000000-0000-4000-8000-00000000dead' })
    await waitFor(() => expect(t.link.status.state).toBe('auth-failed'))
    expect(t.link.status).toMatchObject({ reasonCode: 'lexiconChatNotFound', reasonParams: { fix: 'Create the chat first using POST /api/v1/chats/ endpoint' } })
    expect(t.creations()).toEqual([])
    expect(t.server.connectionCount).toBe(1)
  })

  it.each([
    ['an API key', { userId: 'tester' }, 'linkNoApiKey'],
    ['a user id', { apiKey: 'test-api-key' }, 'linkNoUserId'],
  ])('goes auth-failed without %s, sending nothing on the socket', async (_what, credentials, code) => {
    const t = await setup({ credentials })
    await waitFor(() => expect(t.link.status.state).toBe('auth-failed'))
    expect(t.link.status.reasonCode).toBe(code)
    expect(t.server.received).toEqual([])
    expect(t.server.chats.size).toBe(0)
  })

  it('sends a message the server refused for the rate again, answered once', async () => {
    // The fake's clock passes its window once "two" has been refused once.
    const t = await setup({ fake: { rateLimit: { max: 1, windowMs: 1_000 }, now: () => (t.texts().filter((m) => m === 'two').length >= 2 ? 5_000 : 0) } })
    await ready(t)
    const first = t.session.send({ text: 'one' })
    await waitFor(() => expect(t.last(first.id)?.state).toBe('answered'))
    const second = t.session.send({ text: 'two', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.last(second.id)?.reasonCode).toBe('messageRateLimited'))
    await waitFor(() => expect(t.last(second.id)?.state).toBe('answered'))
    expect(t.texts()).toEqual(['one', 'two', 'two'])
    expect(t.of('turn-end').map((e) => e.content)).toEqual(['You said: one', 'You said: two'])
    expect(t.of('turn-error')).toEqual([])
  })

  it('reports malformed frames and ignores unknown ones without failing the answer', async () => {
    const t = await setup({
      fake: {
        answer: () => [
          { say: 'Fine ' },
          { raw: '{not json' },
          { frame: { event_type: 'message_stream_token', nope: 1 } },
          { frame: { event_type: 'lexicon_new_feature' } },
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

  it('survives an oversize frame: the connection is replaced and the next message answered', async () => {
    const t = await setup({ fake: { answer: (m) => (m.text === 'big' ? [{ raw: 'x'.repeat(17 * 1024 * 1024) }] : [{ say: 'Small.' }]) } })
    await ready(t)
    const big = t.session.send({ text: 'big' })
    await waitFor(() => expect(t.last(big.id)?.state).toBe('interrupted'))
    const next = t.session.send({ text: 'small', conversationKey: big.conversationKey })
    await waitFor(() => expect(t.last(next.id)?.state).toBe('answered'))
    expect(t.server.connectionCount).toBe(2)
    expect(t.texts()).toEqual(['big', 'small'])
  })
})
