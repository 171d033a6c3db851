/**
 * Why a voice could not speak, as an i18n key under `speech.errors` (plus the raw detail, which
 * is never translated: a server's or the browser's own words). Engines throw `SpeechError`; any
 * other error is shown by its message.
 */
import type { MessageSchema } from '../../i18n'

export type SpeechErrorKey = keyof MessageSchema['speech']['errors']

export class SpeechError extends Error {
  constructor(
    readonly key: SpeechErrorKey,
    readonly detail?: string,
  ) {
    super(detail ? `${key}: ${detail}` : key)
  }
}

/** A reason, as plain data (it may sit in reactive state and cross a worker boundary). */
export type Reason = { key: SpeechErrorKey; detail?: string } | { text: string }

export function reasonOf(error: unknown): Reason {
  if (error instanceof SpeechError) return { key: error.key, ...(error.detail ? { detail: error.detail } : {}) }
  return { text: error instanceof Error ? error.message : String(error) }
}

export type Translate = (key: string, named?: Record<string, unknown>) => string

export function reasonText(t: Translate, reason: Reason): string {
  return 'key' in reason ? t(`speech.errors.${reason.key}`, { detail: reason.detail ?? '' }) : reason.text
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
