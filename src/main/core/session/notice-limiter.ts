/**
 * Keeps a flood of one kind of problem (bad frames from a broken server) from drowning the UI:
 * at most one notice per kind per interval, and the next one says how many were held back.
 * Kinds may come from the server's words, so only the `maxKinds` most recently seen are remembered.
 */
export class NoticeLimiter {
  private readonly kinds = new Map<string, { lastAt: number; suppressed: number }>()

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKinds = 64,
  ) {}

  /** How many kinds are remembered. */
  get size(): number {
    return this.kinds.size
  }

  /** `null`: stay quiet. Otherwise how many of this kind were held back since the last notice. */
  allow(kind: string): { suppressed: number } | null {
    const now = this.now()
    const entry = this.kinds.get(kind)
    if (entry && now - entry.lastAt < this.intervalMs) {
      entry.suppressed++
      return null
    }
    // Re-inserted, so the map's order is the order last let through: the first key is the one to forget.
    this.kinds.delete(kind)
    this.kinds.set(kind, { lastAt: now, suppressed: 0 })
    const [oldest] = this.kinds.keys()
    if (this.kinds.size > this.maxKinds && oldest !== undefined) this.kinds.delete(oldest)
    return { suppressed: entry?.suppressed ?? 0 }
  }
}
