/** "Test voice": engines tried in order, unavailable ones explained, failures reported, success only once it plays. */
import { describe, expect, it, vi } from 'vitest'
import type { EngineKind, SpeechEngine } from './engines/types'
import { createAppI18n } from '../../i18n'
import { SpeechError, type Translate } from './errors'
import { testFailureText } from './notes'
import type { ClipEvents } from './queue'
import { playSample, SAMPLE_TEXT, type SampleResult } from './voice-test'

const en = createAppI18n('en').global
const ja = createAppI18n('ja').global
const t: Translate = (key, named) => en.t(key, named ?? {})
const tJa: Translate = (key, named) => ja.t(key, named ?? {})
const worded = (result: SampleResult, translate = t) => (result.ok ? 'ok' : testFailureText(translate, result.failures))

function engine(kind: EngineKind, behaviour: 'plays' | 'unavailable' | 'throws' | 'fails-to-start'): SpeechEngine & { said: string[] } {
  const said: string[] = []
  return {
    kind,
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
    expect(worded(await playSample([engine('web-speech', 'unavailable')], h, new AbortController().signal))).toBe('This system has no browser voices.')
    expect(worded(await playSample([], h, new AbortController().signal))).toBe('The voice is off.')
    expect(h.started).not.toHaveBeenCalled()
  })

  it('in Automatic, goes on to the next engine and reports every reason when none works', async () => {
    const h = handlers()
    const browser = engine('web-speech', 'plays')
    expect(await playSample([engine('server', 'throws'), browser], h, new AbortController().signal)).toMatchObject({ ok: true, engine: 'web-speech' })
    const result = await playSample([engine('server', 'fails-to-start'), engine('web-speech', 'unavailable')], h, new AbortController().signal)
    expect(worded(result)).toBe('The server voice failed: no output device; This system has no browser voices.')
    expect(worded(result, tJa)).toBe('サーバーの音声でエラー: no output device。このシステムにはブラウザーの音声がありません。')
  })

  it('words an engine’s own reasons, such as a damaged local voice', async () => {
    const local: SpeechEngine = {
      kind: 'local',
      available: async () => true,
      prepare: async () => Promise.reject(new SpeechError('localCorrupt', 'CompileError: expected magic word')),
    }
    const result = await playSample([local], handlers(), new AbortController().signal)
    expect(worded(result)).toBe('The local voice failed: the local voice’s speech engine is damaged (CompileError: expected magic word).')
  })
})
