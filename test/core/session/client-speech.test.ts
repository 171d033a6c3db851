/** Speech chunked on the client for servers without speech chunks: in order, none twice, none skipped, the first sentence early. */
import { describe, expect, it } from 'vitest'
import { ClientSpeech } from '../../../src/main/core/session/client-speech'

const ANSWER = 'Hello there! The weather is fine today. [happy] We could go out, e.g. to the park. Shall we?'

/** Feeds `text` in tokens of `size` characters, recording after which token each sentence came out. */
function stream(speech: ClientSpeech, text: string, size: number) {
  const said: { text: string; emotion?: string; afterToken: number }[] = []
  const tokens = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []
  tokens.forEach((token, i) => {
    for (const e of speech.token('t1', token)) said.push({ text: e.chunk, ...(e.emotion ? { emotion: e.emotion } : {}), afterToken: i })
  })
  return { said, tokens }
}

describe('ClientSpeech', () => {
  it.each([1, 3, 7, 50])('speaks every sentence once, in order, with tokens of %i characters', (size) => {
    const speech = new ClientSpeech()
    const { said, tokens } = stream(speech, ANSWER, size)
    const end = speech.end('t1', ANSWER).map((e) => ({ text: e.chunk, ...(e.emotion ? { emotion: e.emotion } : {}) }))
    const all = [...said.map(({ text, emotion }) => ({ text, ...(emotion ? { emotion } : {}) })), ...end]
    expect(all).toEqual([
      { text: 'Hello there!' },
      { text: 'The weather is fine today.' },
      { text: 'We could go out, e.g. to the park.', emotion: 'happy' },
      { text: 'Shall we?' },
    ])
    // The first sentence is out while the answer still streams, not at its end.
    if (tokens.length > 2) expect(said[0]?.afterToken).toBeLessThan(tokens.length - 1)
  })

  it('speaks the first sentence as soon as the token after it shows it is complete', () => {
    const speech = new ClientSpeech()
    expect(speech.token('t1', 'Hi.')).toEqual([])
    expect(speech.token('t1', ' How')).toEqual([{ type: 'turn-speech', turnId: 't1', chunk: 'Hi.' }])
  })

  it('chunks a whole answer that arrives only at the end', () => {
    const speech = new ClientSpeech()
    expect(speech.end('t1', 'One thing. [sad] Another thing.').map((e) => [e.chunk, e.emotion])).toEqual([
      ['One thing.', undefined],
      ['Another thing.', 'sad'],
    ])
  })

  it('speaks what the authoritative end adds to the stream, and not again what streamed', () => {
    const speech = new ClientSpeech()
    const streamed = speech.token('t1', 'First part. Sec').map((e) => e.chunk)
    const end = speech.end('t1', 'First part. Second part.').map((e) => e.chunk)
    expect([...streamed, ...end]).toEqual(['First part.', 'Second part.'])
  })

  it('does not speak an end text that differs from the stream, only the rest of the stream', () => {
    const speech = new ClientSpeech()
    const streamed = speech.token('t1', 'Streamed words. And more').map((e) => e.chunk)
    const end = speech.end('t1', 'Something else entirely.').map((e) => e.chunk)
    expect([...streamed, ...end]).toEqual(['Streamed words.', 'And more'])
  })

  it('gives sentences without a tag the emotion the server named for the answer, and keeps their own tags', () => {
    const speech = new ClientSpeech()
    speech.emotion('t1', 'curious')
    expect(speech.end('t1', 'Hmm. [happy] Got it!').map((e) => [e.chunk, e.emotion])).toEqual([
      ['Hmm.', 'curious'],
      ['Got it!', 'happy'],
    ])
    expect(speech.end('t2', 'Plain.').map((e) => e.emotion)).toEqual([undefined])
  })

  it('keeps turns apart, and forgets a dropped one', () => {
    const speech = new ClientSpeech()
    speech.token('a', 'Alpha sentence')
    speech.token('b', 'Beta sentence')
    speech.drop('a')
    expect(speech.end('b', undefined).map((e) => [e.turnId, e.chunk])).toEqual([['b', 'Beta sentence']])
    expect(speech.end('a', undefined)).toEqual([])
  })
})
