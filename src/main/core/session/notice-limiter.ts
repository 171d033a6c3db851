/**
 * Keeps a flood of one kind of problem (bad frames from a broken server) from drowning the UI:
 * at most one notice per kind per interval, and the next one says how many were held back.
 */
export class NoticeLimiter {
  private readonly kinds = new Map<string, { lastAt: number; suppressed: number }>()

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `null`: stay quiet. Otherwise how many of this kind were held back since the last notice. */
  allow(kind: string): { suppressed: number } | null {
    const now = this.now()
    const entry = this.kinds.get(kind)
    if (entry && now - entry.lastAt < this.intervalMs) {
      entry.suppressed++
      return null
    }
    this.kinds.set(kind, { lastAt: now, suppressed: 0 })
    return { suppressed: entry?.suppressed ?? 0 }
  }
}
