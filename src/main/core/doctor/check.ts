/** One connection check: its outcome, how long it took, and (after a failure) what to try. */
import type { CheckHint, CheckId, ConnectionCheck } from '../../../shared/host/connection-test'

export type CheckOutcome = Omit<ConnectionCheck, 'id' | 'ms'>

export const pass = (detail: string): CheckOutcome => ({ status: 'pass', detail })
export const skip = (detail: string): CheckOutcome => ({ status: 'skip', detail })
export const fail = (detail: string, hint?: CheckHint): CheckOutcome => ({ status: 'fail', detail, ...(hint ? { hint } : {}) })

/** An outcome with its check's id and the time since `startedAt` (a `performance.now()`). */
export function stamp(id: CheckId, outcome: CheckOutcome, startedAt: number): ConnectionCheck {
  return { id, ...outcome, ms: Math.round(performance.now() - startedAt) }
}

/** Runs `body` and stamps its result with the check's id and duration. */
export async function timed(id: CheckId, body: () => Promise<CheckOutcome>): Promise<ConnectionCheck> {
  const started = performance.now()
  return stamp(id, await body(), started)
}

/** A check that did not run because an earlier one failed. */
export const notRun = (id: CheckId, because: string): ConnectionCheck => ({ id, status: 'skip', detail: `not run: ${because}` })
