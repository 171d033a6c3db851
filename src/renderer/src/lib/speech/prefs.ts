/**
 * The speech preferences (engine, voice, rate, pitch, volume, mute, captions), kept in localStorage
 * until the settings file learns them. Read through a schema: a hand-edited or older value
 * falls back field by field instead of breaking speech.
 */
import { z } from 'zod'
import type { EngineKind } from './engines/types'
import { ESPEAK_VOICE } from './local/espeak-run'

export const ENGINE_CHOICES = ['auto', 'server', 'local', 'web-speech', 'off'] as const
export type EngineChoice = (typeof ENGINE_CHOICES)[number]

const prefsSchema = z.object({
  /** `auto`: the server voice, else the local one, else the browser's, else text only. `off`: text only. */
  engine: z.enum(ENGINE_CHOICES).catch('auto'),
  /** A browser voice by name; '' = the browser's default. */
  voiceName: z.string().max(200).catch(''),
  /** The local voice's espeak-ng voice (`en-us`, `ja` …); '' = the app's language. */
  localVoice: z.string().regex(ESPEAK_VOICE).or(z.literal('')).catch(''),
  rate: z.number().min(0.5).max(2).catch(1),
  /** The browser and local voices: server audio is played as synthesized. */
  pitch: z.number().min(0.5).max(1.5).catch(1),
  volume: z.number().min(0).max(1).catch(1),
  muted: z.boolean().catch(false),
  captions: z.boolean().catch(true),
})
export type SpeechPrefs = z.output<typeof prefsSchema>

export const PREFS_STORAGE_KEY = 'mira.speech'

export function defaultPrefs(): SpeechPrefs {
  return prefsSchema.parse({})
}

export function loadPrefs(storage: Pick<Storage, 'getItem'> | undefined): SpeechPrefs {
  const raw = storage?.getItem(PREFS_STORAGE_KEY)
  if (!raw) return defaultPrefs()
  try {
    const parsed = prefsSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : defaultPrefs()
  } catch {
    return defaultPrefs()
  }
}

export function savePrefs(storage: Pick<Storage, 'setItem'> | undefined, prefs: SpeechPrefs): void {
  try {
    storage?.setItem(PREFS_STORAGE_KEY, JSON.stringify(prefs))
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

/**
 * The engines to try, in order, for a choice. Automatic prefers the server's voice (chosen for
 * the agent, often the best), then the local one (always there, offline, and real audio for the
 * lip sync), then the browser's (often no voices on Linux, and no audio to read the mouth from).
 */
export function engineChain(choice: EngineChoice): EngineKind[] {
  if (choice === 'off') return []
  if (choice === 'auto') return ['server', 'local', 'web-speech']
  return [choice]
}

/** The local voice for a preference and the app's language: '' follows the language. */
export function localVoiceFor(preference: string, locale: string): string {
  if (preference) return preference
  return { ja: 'ja', ko: 'ko' }[locale] ?? 'en-us'
}
