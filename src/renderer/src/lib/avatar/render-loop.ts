/**
 * The frame loop of the characters (WebGL and the built-in drawing). It runs only while something moves: it stops when the
 * adapter says all is still (woken again by the next input), and while the page is hidden; while
 * the character only idles (breathing, blinking) it draws at a lower pace, and waits between frames
 * on a timer (a display frame requested only to be skipped still wakes the page and its compositor).
 * Tests freeze it and step frames by hand (SwiftShader is too slow for real time).
 */
/** Only breathing and blinking: 24 frames a second are plenty (a character's idle pace). */
export const IDLE_FRAME_MS = 1000 / 24

export class RenderLoop {
  private frame: number | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private last = 0
  private frozen = false
  private disposed = false
  private readonly onVisibility = (): void => (document.hidden ? this.sleep() : this.wake())

  /**
   * `step(dt)` draws one frame `dt` seconds on; it returns whether more frames are needed.
   * `pace()`: the least time between frames (ms), 0 for every display frame.
   */
  constructor(
    private readonly step: (dt: number) => boolean,
    private readonly pace: () => number = () => 0,
  ) {
    document.addEventListener('visibilitychange', this.onVisibility)
  }

  get running(): boolean {
    return this.frame !== undefined || this.timer !== undefined
  }

  /** Draws at the next display frame: an input changed (the pace is checked again then). */
  wake(): void {
    if (this.frozen || this.disposed || document.hidden || this.frame !== undefined) return
    // Asleep, the clock starts again now; waiting between idle frames, it keeps its last frame.
    if (this.timer === undefined) this.last = performance.now()
    clearTimeout(this.timer)
    this.timer = undefined
    this.frame = requestAnimationFrame((now) => this.tick(now))
  }

  /** Stops the clock: only `stepBy` draws until `thaw`. */
  freeze(): void {
    this.frozen = true
    this.sleep()
  }

  thaw(): void {
    this.frozen = false
    this.wake()
  }

  /** One frame, `ms` later, by hand. */
  stepBy(ms: number): void {
    this.step(ms / 1000)
  }

  dispose(): void {
    this.disposed = true
    this.sleep()
    document.removeEventListener('visibilitychange', this.onVisibility)
  }

  private sleep(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    clearTimeout(this.timer)
    this.frame = undefined
    this.timer = undefined
  }

  /** How long until the pace allows the next frame at `now` (ms; 0 or less: draw it now). */
  private early(now: number): number {
    const pace = this.pace()
    // Small slack for frame jitter: a frame due within 4 ms is drawn now.
    return pace === 0 ? 0 : pace - 4 - (now - this.last)
  }

  /** The next frame: at the next display frame, or after `wait` ms when the pace asks for one. */
  private next(wait: number): void {
    if (wait <= 0) {
      this.frame = requestAnimationFrame((t) => this.tick(t))
      return
    }
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.frame = requestAnimationFrame((t) => this.tick(t))
    }, wait)
  }

  private tick(now: number): void {
    this.frame = undefined
    const early = this.early(now)
    if (early > 0) return this.next(early)
    // A long gap (a busy tab, a breakpoint) is not animated through in one jump.
    const dt = Math.min(0.1, Math.max(0, (now - this.last) / 1000))
    this.last = now
    if (this.step(dt) && !document.hidden) this.next(this.early(performance.now()))
  }
}
