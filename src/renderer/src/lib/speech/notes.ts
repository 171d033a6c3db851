/** The speech store's notices, worded through a translator (keys under `speech.notes`). */
import type { EngineKind } from './engines/types'
import { capital, reasonText, type Reason, type Translate } from './errors'
import type { TestFailure } from './voice-test'

export const engineName = (t: Translate, kind: EngineKind): string => t(`speech.engineName.${kind}`)

/** "The server voice is not available (…): using the local voice." */
export function fallbackNote(t: Translate, failed: EngineKind, reason: Reason, next: EngineKind): string {
  return capital(t('speech.notes.fallback', { failed: engineName(t, failed), reason: reasonText(t, reason), next: engineName(t, next) }))
}

export function noVoiceNote(t: Translate, reason?: Reason): string {
  return reason ? t('speech.notes.noVoiceBecause', { reason: reasonText(t, reason) }) : t('speech.notes.noVoice')
}

export function skippedNote(t: Translate, reason: Reason): string {
  return t('speech.notes.skipped', { reason: reasonText(t, reason) })
}

/** "Test voice" failures, one sentence: "The server voice failed: …; This system has no browser voices." */
export function testFailureText(t: Translate, failures: readonly TestFailure[]): string {
  const parts = failures.map((failure) => {
    switch (failure.type) {
      case 'off':
        return t('speech.test.off')
      case 'stopped':
        return t('speech.test.stopped')
      case 'unavailable':
        return t(`speech.unavailable.${failure.engine}`)
      case 'failed':
        return capital(t('speech.test.engineFailed', { engine: engineName(t, failure.engine), reason: reasonText(t, failure.reason) }))
    }
  })
  return t('speech.test.failed', { reasons: parts.join(t('speech.test.separator')) })
}
