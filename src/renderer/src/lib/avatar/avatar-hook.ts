/**
 * A test hook for e2e and the bench: `window.__miraAvatar` reads the adapter in use and steps its
 * frames by hand. It exists only when the page was opened with `?diagnostics=1` (like the speech
 * hook); otherwise nothing is put on `window`.
 */
import { diagnosticsRequested } from '../speech/diagnostics-hook'
import type { AvatarReadout } from './adapters/types'

export interface AvatarHook {
  readout(): AvatarReadout | undefined
  /** Stops the frame clock; `step` then draws one frame `ms` later. */
  freeze(): void
  step(ms: number): AvatarReadout | undefined
  thaw(): void
}

declare global {
  interface Window {
    __miraAvatar?: AvatarHook
  }
}

export function exposeAvatarHook(hook: AvatarHook): () => void {
  if (typeof window === 'undefined' || !diagnosticsRequested(window.location.search)) return () => undefined
  window.__miraAvatar = hook
  return () => {
    if (window.__miraAvatar === hook) delete window.__miraAvatar
  }
}
