/** "Test voice": engines tried in order, unavailable ones explained, failures reported, success only once it plays. */
import { describe, expect, it, vi } from 'vitest'
import type { EngineKind, SpeechEngine } from './engines/types'
import type { ClipEvents } from './queue'
import { playSample, SAMPLE_TEXT } from './voice-test'

function engine(kind: EngineKind, behaviour: 'plays' | 'unavailable' | 'throws' | 'fails-to-start'): SpeechEngine & { said: string[] } {
  const said: string[] = []
  return {
    kind,
    label: kind === 'server' ? 'the server voice' : 'the browser voice',
    said,
    available: async () => behaviour !== 'unavailable',
    async prepare(text) {
      if (behaviour === 'throws') throw new Error('TTS returned 500')
      said.push(text)
      return {
        sink: 'test',
        start: (events: ClipEvents) => {
          if (behaviour === 'fails-to-start') events.failed(new Error('no output device'))
          else {
            events.started()
            events.ended()
          }
        },
        cancel: () => {},
      }
    },
  }
}

const handlers = () => ({ started: vi.fn(), ended: vi.fn() })

describe('playSample', () => {
  it('says the sample through the first engine that can, and reports start and end', async () => {
    const h = handlers()
    const server = engine('server', 'plays')
    const result = await playSample([server, engine('web-speech', 'plays')], h, new AbortController().signal)
    expect(result).toMatchObject({ ok: true, engine: 'server' })
    expect(server.said).toEqual([SAMPLE_TEXT])
    expect(h.started).toHaveBeenCalledWith('server')
    expect(h.ended).toHaveBeenCalledWith('server')
  })

  it('explains a system without browser voices, and an engine that is off', async () => {
    const h = handlers()
    expect(await playSample([engine('web-speech', 'unavailable')], h, new AbortController().signal)).toEqual({ ok: false, reason: 'This system has no browser voices' })
    expect(await playSample([], h, new AbortController().signal)).toEqual({ ok: false, reason: 'The voice is off' })
    expect(h.started).not.toHaveBeenCalled()
  })

  it('in Automatic, goes on to the next engine and reports every reason when none works', async () => {
    const h = handlers()
    const browser = engine('web-speech', 'plays')
    expect(await playSample([engine('server', 'throws'), browser], h, new AbortController().signal)).toMatchObject({ ok: true, engine: 'web-speech' })
    const result = await playSample([engine('server', 'fails-to-start'), engine('web-speech', 'unavailable')], h, new AbortController().signal)
    expect(result).toEqual({ ok: false, reason: 'The server voice failed: no output device; This system has no browser voices' })
  })
})
