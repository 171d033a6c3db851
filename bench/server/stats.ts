/** Order statistics for latency samples. */

const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b)

export function median(values: number[]): number {
  const s = sorted(values)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** The nearest-rank percentile `p` (0–1): that share of the samples is at or below it. */
function percentile(values: number[], p: number): number {
  const s = sorted(values)
  return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? 0
}

export const p95 = (values: number[]): number => percentile(values, 0.95)
export const p99 = (values: number[]): number => percentile(values, 0.99)
