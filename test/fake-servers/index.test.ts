/** One script, four protocols: `startFake` gives each fake's address and credentials, and each answers the same text. */
import { afterEach, describe, expect, it } from 'vitest'
import { FAKE_KINDS, startFake, type FakeKind, type RunningFake } from './index'
import { closeAllRaw, connectRaw } from './shared/raw-client'

let running: RunningFake | undefined
afterEach(async () => {
  closeAllRaw()
  await running?.server.stop()
  running = undefined
})

/** Each guide's own client, reduced to: connect with the credentials, say `text`, return the whole answer. */
const hello: Record<FakeKind, (fake: RunningFake, text: string) => Promise<string>> = {
  async symindx({ url, credentials }, text) {
    const c = await connectRaw(url)
    c.send({ type: 'chat', data: { message: text }, targetAgent: credentials.agent })
    return String(((await c.next((f) => f.type === 'chat_response')).data as { response: string }).response)
  },
  async dexto({ url }, text) {
    const c = await connectRaw(url)
    c.send({ type: 'message', content: text, stream: true })
    return String(((await c.next((f) => f.event === 'response')).data as { content: string }).content)
  },
  async generalbots({ url, credentials }, text) {
    const c = await connectRaw(`${url}?token=${credentials.token}`)
    const session = (await c.next((f) => f.type === 'session_created')).session_id
    c.send({ type: 'message', session_id: session, content: text })
    return String((await c.next((f) => f.type === 'stream_end')).content)
  },
  async lexicon({ url, credentials }, text) {
    const c = await connectRaw(`${url}?api_key=${credentials.apiKey}&user_id=${credentials.userId}&chat_id=${credentials.chatId}`)
    c.send({ content: text })
    return String((await c.next((f) => f.event_type === 'message_stream_ended')).content)
  },
}

describe('startFake', () => {
  for (const kind of FAKE_KINDS) {
    it(`${kind}: answers the shared script and records the chat message's text`, async () => {
      running = await startFake(kind, { answer: (m) => [{ say: `[happy] Hello, ${m.text}. ` }, { say: 'How are you?' }], lexiconChat: true })
      expect(await hello[kind](running, 'Mira')).toBe('[happy] Hello, Mira. How are you?')
      expect(running.server.chatMessages().map((m) => m.text)).toEqual(['Mira'])
    })
  }
})
