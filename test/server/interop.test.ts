/**
 * The companion as the real peer of the app's own clients: the core's ChatLink and RestClient,
 * unmodified, against the built-in server with a token.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ChatLink } from '../../src/main/core/link/chat-link'
import { RestClient } from '../../src/main/core/rest/rest-client'
import type { ServerFrame } from '../../src/shared/protocol'
import { createDemoBrain } from '../../src/server'
import { startTestServer, type TestServer } from './support/server'

let server: TestServer | undefined
let link: ChatLink | undefined
afterEach(async () => {
  await link?.stop()
  await server?.stop()
  link = undefined
  server = undefined
})

function waitFor<T>(subscribe: (done: (value: T) => void) => () => void, timeoutMs = 45_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs)
    const off = subscribe((value) => {
      clearTimeout(timer)
      off()
      resolve(value)
    })
  })
}

describe('core clients against the companion', () => {
  it('ChatLink gets ready, streams a demo turn, and RestClient reads health, TTS and history', async () => {
    server = await startTestServer({ token: 'secret', brain: createDemoBrain({ tokenDelayMs: 0 }) })
    link = new ChatLink({ url: server.url, getToken: () => 'secret', autoReconnect: false })
    const frames: ServerFrame[] = []
    link.on('frame', (frame) => frames.push(frame))
    const ready = waitFor<void>((done) => link!.on('status', (status) => status.state === 'ready' && done()))
    link.start()
    await ready
    const ended = waitFor<ServerFrame>((done) => link!.on('frame', (frame) => frame.type === 'stream_end' && done(frame)))
    expect(link.send({ type: 'chat_message', content: 'hello', agent_id: 'mira', user_id: 'ann' })).toBe(true)
    const end = await ended
    if (end.type !== 'stream_end') throw new Error('not a stream_end')
    const streamed = frames.flatMap((f) => (f.type === 'stream_token' ? [f.chunk] : [])).join('')
    expect(end.content).toBe(streamed)
    expect(frames.filter((f) => f.type === 'tts_ready_chunk').length).toBeGreaterThan(1)

    const rest = new RestClient({ restBase: server.restBase, token: 'secret' })
    expect(await rest.health()).toMatchObject({ status: 'ok' })
    expect((await rest.synthesize('Hello there.')).mimeType).toBe('audio/wav')
    const [session] = await rest.sessions('ann', 'mira')
    expect(session).toMatchObject({ sessionId: end.conversation_id, title: 'hello' })
    const history = await rest.chatHistory('ann', 'mira', session!.sessionId)
    expect(history.messages).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: end.content },
    ])
  })

  it('ChatLink ends in auth-failed with a wrong token', async () => {
    server = await startTestServer({ token: 'secret' })
    link = new ChatLink({ url: server.url, getToken: () => 'wrong', autoReconnect: false })
    const failed = waitFor<void>((done) => link!.on('status', (status) => status.state === 'auth-failed' && done()))
    link.start()
    await failed
  })
})
