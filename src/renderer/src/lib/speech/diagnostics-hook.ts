/**
 * A read-only test hook for the speech bench and e2e: `window.__miraSpeech.snapshot()` gives the
 * latency samples and Stop-to-silence times as plain data. It exists only when the page was opened
 * with `?diagnostics=1`; otherwise nothing is put on `window`.
 */
import type { LatencySample } from './stats'

export interface SpeechDiagnosticsSnapshot {
  samples: readonly LatencySample[]
  stops: readonly number[]
  renderQuantumMs: number
  baseMs: number
  outputMs: number
}

declare global {
  interface Window {
    __miraSpeech?: { snapshot(): SpeechDiagnosticsSnapshot }
  }
}

export function diagnosticsRequested(search: string): boolean {
  return new URLSearchParams(search).get('diagnostics') === '1'
}

export function exposeDiagnostics(read: () => SpeechDiagnosticsSnapshot): void {
  if (typeof window === 'undefined' || !diagnosticsRequested(window.location.search)) return
  // A copy, so the page's caller cannot reach into the store.
  window.__miraSpeech = { snapshot: () => structuredClone(read()) }
}
