/** Reconnect delays: exponential growth, a cap, and jitter so many clients do not retry in step. */
import type { BackoffOptions } from './types'

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000, factor: 2, jitter: 0.5 }

export function resolveBackoff(options: Partial<BackoffOptions> = {}): BackoffOptions {
  const merged = { ...DEFAULT_BACKOFF, ...options }
  return {
    initialMs: Math.max(0, merged.initialMs),
    maxMs: Math.max(0, merged.maxMs),
    factor: Math.max(1, merged.factor),
    jitter: Math.min(1, Math.max(0, merged.jitter)),
  }
}

/**
 * The wait before reconnection attempt `attempt` (1-based). The un-jittered delay is
 * `min(maxMs, initialMs · factor^(attempt-1))`; the `jitter` share of it is scaled by `random()`,
 * so the result lies in `[delay · (1 - jitter), delay]`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  // Math.pow overflows to Infinity for large attempts; min() then yields the cap.
  const delay = Math.min(options.maxMs, options.initialMs * options.factor ** exponent)
  const r = Math.min(1, Math.max(0, random()))
  return Math.round(delay * (1 - options.jitter) + delay * options.jitter * r)
}
