/**
 * Why a voice could not speak, as an i18n key under `speech.errors` (plus the raw detail, which
 * is never translated: a server's or the browser's own words). Engines throw `SpeechError`; the
 * host's refusals (`HostError`: the server voice) are worded by their text code; any other error
 * is shown by its message.
 */
import { messageOf } from '../../../../shared/errors'
import { HostError } from '../../../../shared/host'
import type { MessageSchema } from '../../i18n'
import { hostErrorText } from '../host-text'
import { say, type LocalText } from '../local-text'

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
export type Reason = { key: SpeechErrorKey; detail?: string } | { host: LocalText } | { text: string }

export function reasonOf(error: unknown): Reason {
  if (error instanceof SpeechError) return { key: error.key, ...(error.detail ? { detail: error.detail } : {}) }
  if (error instanceof HostError) return { host: hostErrorText(error) }
  return { text: messageOf(error) }
}

export type Translate = (key: string, named?: Record<string, unknown>) => string

export function reasonText(t: Translate, reason: Reason): string {
  if ('key' in reason) return t(`speech.errors.${reason.key}`, { detail: reason.detail ?? '' })
  return 'host' in reason ? say(t, reason.host) : reason.text
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
