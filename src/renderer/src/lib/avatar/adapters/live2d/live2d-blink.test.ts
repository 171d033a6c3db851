/** Mira blinks a Live2D model whose motions do not, and keeps out while they do. */
import { describe, expect, it } from 'vitest'
import { Blinker } from './live2d-blink'

/** Runs `seconds` at 60 frames a second; the eyes' factor of each frame. */
function run(blinker: Blinker, seconds: number, eyes: (t: number) => number = () => 1): number[] {
  const out: number[] = []
  for (let i = 0; i < seconds * 60; i++) out.push(blinker.step(1 / 60, eyes(i / 60)))
  return out
}

/** Blinks: runs of frames where the factor went below 0.2. */
const blinks = (factors: number[]): number => factors.filter((f, i) => f < 0.2 && (factors[i - 1] ?? 1) >= 0.2).length

describe('Blinker', () => {
  it('blinks a model whose eyes the motions never close: every 2 to 6 seconds, shut briefly and open again', () => {
    const factors = run(new Blinker(() => 0.5), 20)
    expect(blinks(factors)).toBeGreaterThanOrEqual(4)
    expect(blinks(factors)).toBeLessThanOrEqual(10)
    // Each blink is short: the eyes are less than half open for a few frames only.
    const closed = factors.filter((f) => f < 0.5).length
    expect(closed / blinks(factors)).toBeLessThan(12)
    expect(factors.at(-1)).toBeGreaterThan(0)
  })

  it('keeps out while the model’s motions blink by themselves, and takes over after they stop', () => {
    const blinker = new Blinker(() => 0.5)
    // The model closes its eyes every three seconds for a tenth of a second.
    const own = (t: number): number => (t % 3 < 0.1 ? 0 : 1)
    expect(run(blinker, 20, own).every((f) => f === 1)).toBe(true)
    // Its motions stop blinking: within the memory and a pause, Mira blinks.
    expect(blinks(run(blinker, 16))).toBeGreaterThan(0)
  })

  it('never blinks twice in one pause', () => {
    const factors = run(new Blinker(() => 0), 10)
    const starts = factors.flatMap((f, i) => (f < 0.2 && (factors[i - 1] ?? 1) >= 0.2 ? [i] : []))
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(2 * 60 - 1)
  })
})
