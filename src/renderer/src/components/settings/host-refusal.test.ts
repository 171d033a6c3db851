/** A host settings refusal on its field: worded by the form where the host gave it a code. */
import { describe, expect, it } from 'vitest'
import { HostError } from '../../../../shared/host'
import { refusalMessage } from './host-refusal'

const refusal = (textCode: string, params: Record<string, string | number>) =>
  new HostError('invalid-request', 'Invalid settings: x: English words', { textCode, params: { path: 'x', detail: 'English words', ...params } })

describe('refusalMessage', () => {
  it('words the known kinds of issue as the form does, seconds where the form shows seconds', () => {
    expect(refusalMessage(refusal('settingsTooSmall', { min: 1 }), 'historyLimit', 'English words')).toEqual({ key: 'min', params: { min: 1 } })
    expect(refusalMessage(refusal('settingsTooSmall', { min: 1000 }), 'silenceTimeout', 'x')).toEqual({ key: 'minSeconds', params: { min: 1 } })
    expect(refusalMessage(refusal('settingsTooBig', { max: 600_000 }), 'silenceTimeout', 'x')).toEqual({ key: 'maxSeconds', params: { max: 600 } })
    expect(refusalMessage(refusal('settingsTooLong', { max: 100 }), 'displayName', 'x')).toEqual({ key: 'maxChars', params: { max: 100 } })
    expect(refusalMessage(refusal('settingsEmpty', {}), 'agentId', 'x')).toEqual({ key: 'empty' })
    expect(refusalMessage(refusal('settingsModelNeeded', {}), 'llmModel', 'x')).toEqual({ key: 'modelNeeded' })
  })

  it('keeps the host’s English detail for anything else, or a code without its bound', () => {
    const other = { key: 'other', params: { text: 'English words' } }
    expect(refusalMessage(refusal('settingsInvalid', {}), 'serverUrl', 'English words')).toEqual(other)
    expect(refusalMessage(refusal('settingsTooSmall', {}), 'historyLimit', 'English words')).toEqual(other)
    expect(refusalMessage(new Error('English words'), 'historyLimit', 'English words')).toEqual(other)
  })
})
