/** `12 ms`, `1.5 s`: a duration as the CLI's reports show it. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
