/**
 * Fires when nothing was fed for `timeoutMs`. Feeding is only a timestamp write (it runs once per
 * frame); the single timer re-arms itself for the remaining time when it wakes up early.
 */
export class SilenceWatchdog {
  private lastFedAt = 0
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly timeoutMs: number,
    private readonly onSilence: (silentForMs: number) => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined
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
    this.timer = undefined
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms)
  }

  private check(): void {
    const silentFor = Date.now() - this.lastFedAt
    if (silentFor < this.timeoutMs) {
      this.arm(this.timeoutMs - silentFor)
      return
    }
    this.timer = undefined
    this.onSilence(silentFor)
  }
}
