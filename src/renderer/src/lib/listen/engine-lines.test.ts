import { describe, expect, it } from 'vitest'
import type { SttStatus, WhisperModelState } from '../../../../shared/host'
import { engineLine, modelLine } from './engine-lines'

const status: SttStatus = {
  server: { state: 'ready', engine: 'pocketsphinx' },
  openai: { state: 'refused', hasKey: true, detail: 'HTTP 401' },
  whisper: { program: 'found', model: 'bad' },
}
const model = (over: Partial<WhisperModelState>): WhisperModelState => ({ id: 'base.en', path: '/d/models/ggml-base.en.bin', sizeMiB: 142, englishOnly: true, state: 'absent', ...over })

describe('engine lines', () => {
  it('says each engine’s state, and which are usable', () => {
    expect(engineLine('server', status)).toEqual({ text: { key: 'recognisers.engines.serverReady', params: { engine: 'pocketsphinx' } }, ok: true })
    expect(engineLine('openai', status)).toEqual({ text: { key: 'recognisers.engines.openaiRefused', params: { detail: 'HTTP 401' } }, ok: false })
    expect(engineLine('whisper-cpp', status)).toMatchObject({ text: { params: { program: { key: 'recognisers.engines.programFound' }, model: { key: 'recognisers.engines.modelBad' } } }, ok: false })
    expect(engineLine('server', undefined)).toEqual({ text: { key: 'recognisers.engines.checking' }, ok: false })
  })

  it('says a model’s download state: percent with a length, MiB without, and why it failed', () => {
    expect(modelLine(model({ state: 'downloading', received: 50, total: 200 }), false)).toEqual({ key: 'recognisers.models.downloading', params: { percent: 25 } })
    expect(modelLine(model({ state: 'downloading', received: 3 * 1_048_576 }), false)).toEqual({ key: 'recognisers.models.downloadingBytes', params: { mib: '3.0' } })
    expect(modelLine(model({ state: 'failed', error: { kind: 'disk-full', text: 'The disk is full' } }), false)).toEqual({ key: 'recognisers.models.failed', params: { why: { key: 'recognisers.models.errors.diskFull' } } })
    expect(modelLine(model({ state: 'ready' }), true)).toEqual({ key: 'recognisers.models.inUse' })
  })
})
