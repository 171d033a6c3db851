/** Speech preferences from storage: defaults, field-by-field repair, and the engine fallback order. */
import { describe, expect, it } from 'vitest'
import { defaultPrefs, engineChain, loadPrefs, localVoiceFor, PREFS_STORAGE_KEY, savePrefs } from './prefs'

const storage = (value: string | null) => ({ getItem: (key: string) => (key === PREFS_STORAGE_KEY ? value : null) })

describe('speech prefs', () => {
  it('defaults when nothing or garbage is stored', () => {
    expect(loadPrefs(storage(null))).toEqual(defaultPrefs())
    expect(loadPrefs(storage('{not json'))).toEqual(defaultPrefs())
    expect(loadPrefs(undefined)).toEqual(defaultPrefs())
  })

  it('keeps valid fields and repairs invalid ones', () => {
    const prefs = loadPrefs(storage(JSON.stringify({ engine: 'off', rate: 99, pitch: 1.2, muted: true, captions: 'yes' })))
    expect(prefs).toMatchObject({ engine: 'off', rate: 1, pitch: 1.2, muted: true, captions: true })
    // Older prefs without a pitch get the default one.
    expect(loadPrefs(storage(JSON.stringify({ rate: 1.5 }))).pitch).toBe(1)
  })

  it('round-trips through storage', () => {
    let saved = ''
    savePrefs({ setItem: (_key, value) => (saved = value) }, { ...defaultPrefs(), volume: 0.25 })
    expect(loadPrefs(storage(saved)).volume).toBe(0.25)
  })

  it('falls back from the server voice to the local one, then the browser voice, in auto mode only', () => {
    expect(engineChain('auto')).toEqual(['server', 'local', 'web-speech'])
    expect(engineChain('server')).toEqual(['server'])
    expect(engineChain('local')).toEqual(['local'])
    expect(engineChain('off')).toEqual([])
  })

  it('keeps a valid local voice, drops a malformed one, and follows the app language when none is set', () => {
    expect(loadPrefs(storage(JSON.stringify({ localVoice: 'en-gb' }))).localVoice).toBe('en-gb')
    expect(loadPrefs(storage(JSON.stringify({ localVoice: '-w /etc/passwd' }))).localVoice).toBe('')
    expect(localVoiceFor('', 'ja')).toBe('ja')
    expect(localVoiceFor('', 'ko')).toBe('ko')
    expect(localVoiceFor('', 'en')).toBe('en-us')
    expect(localVoiceFor('de', 'ja')).toBe('de')
  })
})
