/**
 * Blinking for a Live2D model whose own motions do not blink. The engines blink only while no
 * motion plays, and most idle motions play all the time, so without this many models stare. Mira
 * watches the eyes as the model's motions leave them: while those close the eyes now and then,
 * the model blinks by itself and Mira stays out; after a while without that, Mira blinks.
 */

/** How long after the model's own last blink Mira keeps out of it (seconds). */
const OWN_BLINK_MEMORY = 8
/** A blink: closing, shut, opening (seconds). */
const CLOSE = 0.08
const SHUT = 0.05
const OPEN = 0.12

export class Blinker {
  /** Seconds since the model's motions last closed the eyes (∞ at first: Mira blinks until it sees one). */
  private sinceOwn = Number.POSITIVE_INFINITY
  private untilNext: number
  /** Seconds into the blink under way, or -1. */
  private inBlink = -1

  /** `random` 0 … 1 picks the pause before each blink (2 … 6 s). */
  constructor(private readonly random: () => number = Math.random) {
    this.untilNext = this.pause()
  }

  private pause(): number {
    return 2 + this.random() * 4
  }

  /**
   * Advances `dt` seconds; `eyes` is how open the model's motions left the eyes (0 shut … 1 open).
   * Returns the factor to multiply the eyes' openness by (1 = leave them).
   */
  step(dt: number, eyes: number): number {
    if (eyes < 0.5) this.sinceOwn = 0
    else this.sinceOwn += dt
    if (this.sinceOwn < OWN_BLINK_MEMORY) {
      this.inBlink = -1
      return 1
    }
    if (this.inBlink < 0) {
      this.untilNext -= dt
      if (this.untilNext > 0) return 1
      this.inBlink = 0
      this.untilNext = this.pause()
    } else this.inBlink += dt
    const t = this.inBlink
    if (t >= CLOSE + SHUT + OPEN) {
      this.inBlink = -1
      return 1
    }
    if (t < CLOSE) return 1 - t / CLOSE
    if (t < CLOSE + SHUT) return 0
    return (t - CLOSE - SHUT) / OPEN
  }
}
