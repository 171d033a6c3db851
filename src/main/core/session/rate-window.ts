/**
 * A sliding window of send times: at most `max` sends in any `windowMs`. The send loop asks
 * `wait()` before each message and, when it is not 0, tries again after that long, so a message
 * past the limit waits its turn instead of being refused by the server, and none is reordered.
 */
export class RateWindow {
  private sent: number[] = []

  constructor(
    private readonly limit: { max: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** How long until one more send fits (0: now). */
  wait(): number {
    const now = this.now()
    this.sent = this.sent.filter((t) => now - t < this.limit.windowMs)
    if (this.sent.length < this.limit.max) return 0
    return this.limit.windowMs - (now - (this.sent[0] ?? now))
  }

  /** A message was sent now. */
  note(): void {
    this.sent.push(this.now())
  }
}
