/**
 * The listening preferences (microphone, detector thresholds, end-of-speech delay, barge-in,
 * push-to-talk key), kept in localStorage like the voice's: they belong to this device's
 * microphone, not to the settings file. Read through a schema, field by field.
 */
import { z } from 'zod'
import { GLOBAL_PTT_KEYS } from '../../../../shared/host/push-to-talk'

const prefsSchema = z.object({
  /** A `MediaDeviceInfo.deviceId`; '' = the system's default microphone. */
  deviceId: z.string().max(500).catch(''),
  /** Speech probability above which a frame counts as speech. */
  startThreshold: z.number().min(0.05).max(0.99).catch(0.5),
  /** Below this (after speech) a frame counts as silence; kept under `startThreshold`. */
  endThreshold: z.number().min(0.01).max(0.95).catch(0.35),
  /** Silence that ends an utterance (ms): short enough to feel quick, long enough for a pause to think. */
  endDelayMs: z.number().int().min(200).max(3_000).catch(700),
  /** Shorter bursts are not speech (a cough, a click). */
  minSpeechMs: z.number().int().min(50).max(2_000).catch(250),
  /** The user's voice interrupts Mira while she speaks. */
  bargeIn: z.boolean().catch(true),
  /** `KeyboardEvent.code` held to talk; Space counts only in an empty message box. */
  pushToTalkKey: z.string().max(40).catch('Space'),
  /** The desktop app's system-wide push-to-talk key; '' = off. */
  globalPushToTalkKey: z.enum(['', ...GLOBAL_PTT_KEYS]).catch(''),
})
export type ListenPrefs = z.output<typeof prefsSchema>

export const LISTEN_STORAGE_KEY = 'mira.listen'

export function defaultListenPrefs(): ListenPrefs {
  return prefsSchema.parse({})
}

export function loadListenPrefs(storage: Pick<Storage, 'getItem'> | undefined): ListenPrefs {
  const raw = storage?.getItem(LISTEN_STORAGE_KEY)
  if (!raw) return defaultListenPrefs()
  try {
    const prefs = prefsSchema.parse(JSON.parse(raw))
    return prefs.endThreshold < prefs.startThreshold ? prefs : { ...prefs, endThreshold: Math.max(0.01, prefs.startThreshold - 0.15) }
  } catch {
    return defaultListenPrefs()
  }
}

export function saveListenPrefs(storage: Pick<Storage, 'setItem'> | undefined, prefs: ListenPrefs): void {
  try {
    storage?.setItem(LISTEN_STORAGE_KEY, JSON.stringify(prefs))
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

/**
 * While Mira speaks, a stricter detector decides (higher start threshold, longer minimum speech):
 * what leaks past echo cancellation is quieter and shorter than a person talking over her.
 */
export function bargeInThresholds(prefs: ListenPrefs): { startThreshold: number; endThreshold: number; minSpeechMs: number } {
  const startThreshold = Math.min(0.95, prefs.startThreshold + 0.25)
  return { startThreshold, endThreshold: Math.min(prefs.endThreshold + 0.2, startThreshold - 0.05), minSpeechMs: Math.max(prefs.minSpeechMs, 400) }
}
