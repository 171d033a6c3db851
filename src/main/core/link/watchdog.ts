/**
 * Fires when nothing was fed for `timeoutMs`. Feeding is only a timestamp write (it runs once per
 * frame); the single timer re-arms itself for the remaining time when it wakes up early.
 *
 * The verdict waits one turn of the event loop (`setImmediate`, after the I/O phase): when the
 * process itself was stalled (a loaded machine, a laptop waking up), the timer is overdue at the
 * same moment as frames that arrived meanwhile, and those are read first and count.
 */
export class SilenceWatchdog {
  private lastFedAt = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private verdict: ReturnType<typeof setImmediate> | undefined

  constructor(
    private readonly timeoutMs: number,
    private readonly onSilence: (silentForMs: number) => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined || this.verdict !== undefined
  }

  start(): void {
    this.stop()
    this.lastFedAt = Date.now()
    this.arm(this.timeoutMs)
  }

  feed(now = Date.now()): void {
    this.lastFedAt = now
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    if (this.verdict !== undefined) clearImmediate(this.verdict)
    this.timer = undefined
    this.verdict = undefined
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms)
  }

  private remaining(): number {
    return this.timeoutMs - (Date.now() - this.lastFedAt)
  }

  private check(): void {
    this.timer = undefined
    if (this.remaining() > 0) return this.arm(this.remaining())
    this.verdict = setImmediate(() => {
      this.verdict = undefined
      const left = this.remaining()
      if (left > 0) return this.arm(left)
      this.onSilence(this.timeoutMs - left)
    })
  }
}
