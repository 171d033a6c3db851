/** One doctor check: its outcome, how long it took, and what to do when it failed. */
export type CheckState = 'pass' | 'fail' | 'skip'

export interface CheckResult {
  name: string
  state: CheckState
  /** Absent for checks skipped without running. */
  ms?: number
  detail: string
  hint?: string
}

export type CheckOutcome = Omit<CheckResult, 'name' | 'ms'>

export const pass = (detail: string): CheckOutcome => ({ state: 'pass', detail })
export const skip = (detail: string): CheckOutcome => ({ state: 'skip', detail })
export const fail = (detail: string, hint?: string): CheckOutcome => ({ state: 'fail', detail, ...(hint ? { hint } : {}) })

/** An outcome with its check's name and the time since `startedAt` (a `performance.now()`). */
export function stamp(name: string, outcome: CheckOutcome, startedAt: number): CheckResult {
  return { name, ...outcome, ms: Math.round(performance.now() - startedAt) }
}

/** Runs `body` and stamps its result with the check's name and duration. */
export async function timed(name: string, body: () => Promise<CheckOutcome>): Promise<CheckResult> {
  const started = performance.now()
  return stamp(name, await body(), started)
}

/** A check that did not run because an earlier one failed. */
export const notRun = (name: string, because: string): CheckResult => ({ name, state: 'skip', detail: `not run: ${because}` })
