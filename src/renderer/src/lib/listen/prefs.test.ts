import { describe, expect, it } from 'vitest'
import { bargeInThresholds, defaultListenPrefs, LISTEN_STORAGE_KEY, loadListenPrefs, saveListenPrefs } from './prefs'

const storageWith = (value: string | null) => ({ getItem: (key: string) => (key === LISTEN_STORAGE_KEY ? value : null) })

describe('listen prefs', () => {
  it('defaults: system microphone, a 700 ms end delay, barge-in on, Space to talk', () => {
    expect(defaultListenPrefs()).toMatchObject({ deviceId: '', endDelayMs: 700, bargeIn: true, pushToTalkKey: 'Space' })
  })

  it('keeps good fields of a damaged value and replaces bad ones', () => {
    const prefs = loadListenPrefs(storageWith(JSON.stringify({ deviceId: 'usb-1', endDelayMs: 'soon', startThreshold: 7 })))
    expect(prefs.deviceId).toBe('usb-1')
    expect(prefs.endDelayMs).toBe(700)
    expect(prefs.startThreshold).toBe(0.5)
    expect(loadListenPrefs(storageWith('{not json'))).toEqual(defaultListenPrefs())
  })

  it('keeps the end threshold under the start threshold', () => {
    const prefs = loadListenPrefs(storageWith(JSON.stringify({ startThreshold: 0.4, endThreshold: 0.6 })))
    expect(prefs.endThreshold).toBeLessThan(prefs.startThreshold)
  })

  it('round-trips through storage', () => {
    const saved = new Map<string, string>()
    const prefs = { ...defaultListenPrefs(), endDelayMs: 900, pushToTalkKey: 'F2' }
    saveListenPrefs({ setItem: (k, v) => saved.set(k, v) }, prefs)
    expect(loadListenPrefs({ getItem: (k) => saved.get(k) ?? null })).toEqual(prefs)
  })

  it('is stricter while Mira speaks', () => {
    const prefs = defaultListenPrefs()
    const strict = bargeInThresholds(prefs)
    expect(strict.startThreshold).toBeGreaterThan(prefs.startThreshold)
    expect(strict.endThreshold).toBeLessThan(strict.startThreshold)
    expect(strict.minSpeechMs).toBeGreaterThanOrEqual(prefs.minSpeechMs)
  })
})
