/** Small text helpers for the CLI's one-line messages. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** `12 ms`, `1.5 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
