/** Why a voice failed, in the reader's language: the engines' keys, the host's coded refusals, anything else as it is. */
import { describe, expect, it } from 'vitest'
import { HostError } from '../../../../shared/host'
import { createAppI18n, type Locale } from '../../i18n'
import { reasonOf, reasonText, SpeechError } from './errors'

const inLanguage = (locale: Locale) => {
  const { t } = createAppI18n(locale).global
  return (key: string, named?: Record<string, unknown>) => t(key, named ?? {})
}

describe('speech reasons', () => {
  it('words the server voice’s failure by the host’s `speechFailed` code, its detail kept as it is', () => {
    const failed = new HostError('server-error', 'HTTP 503', { textCode: 'speechFailed', params: { error: 'HTTP 503' } })
    const reason = reasonOf(failed)
    expect(structuredClone(reason)).toEqual(reason)
    expect(reasonText(inLanguage('ja'), reason)).toBe('音声を合成できませんでした：HTTP 503')
    expect(reasonText(inLanguage('en'), reason)).toBe('Could not synthesize speech: HTTP 503')
  })

  it('keeps an uncoded host error’s and any other error’s words, and words the engines’ own keys', () => {
    expect(reasonText(inLanguage('ja'), reasonOf(new HostError('server-error', 'TTS returned 404')))).toBe('TTS returned 404')
    expect(reasonText(inLanguage('ja'), reasonOf(new Error('boom')))).toBe('boom')
    expect(reasonText(inLanguage('ja'), reasonOf(new SpeechError('localTimeout')))).toBe('ローカル音声の応答が遅すぎました')
  })
})
