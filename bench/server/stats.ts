/** Order statistics for latency samples. */

const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b)

export function median(values: number[]): number {
  const s = sorted(values)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** The nearest-rank 95th percentile: 95 % of the samples are at or below it. */
export function p95(values: number[]): number {
  const s = sorted(values)
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)] ?? 0
}
