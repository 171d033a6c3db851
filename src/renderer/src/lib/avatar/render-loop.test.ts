// @vitest-environment jsdom
/** The WebGL characters' frame loop sleeps when nothing moves and while the page is hidden, and keeps its pace. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RenderLoop } from './render-loop'

/** Display frames by hand: `frame(t)` runs what was requested for the next one. */
let queue: ((t: number) => void)[] = []
const frame = (t: number): void => {
  const due = queue
  queue = []
  for (const run of due) run(t)
}
let hidden = false

beforeEach(() => {
  queue = []
  hidden = false
  vi.stubGlobal('requestAnimationFrame', (run: (t: number) => void) => queue.push(run))
  vi.stubGlobal('cancelAnimationFrame', (id: number) => (queue[id - 1] = () => undefined))
  vi.spyOn(document, 'hidden', 'get').mockImplementation(() => hidden)
  vi.spyOn(performance, 'now').mockReturnValue(0)
})
afterEach(() => vi.unstubAllGlobals())

describe('RenderLoop', () => {
  it('draws while the adapter says something moves, then sleeps until woken', () => {
    let moving = 3
    const step = vi.fn(() => --moving > 0)
    const loop = new RenderLoop(step)
    loop.wake()
    for (let t = 16; t <= 160; t += 16) frame(t)
    expect(step).toHaveBeenCalledTimes(3)
    expect(loop.running).toBe(false)
    loop.wake()
    expect(loop.running).toBe(true)
    loop.dispose()
  })

  it('sleeps while the page is hidden and wakes when it is shown', () => {
    const step = vi.fn(() => true)
    const loop = new RenderLoop(step)
    loop.wake()
    frame(16)
    hidden = true
    document.dispatchEvent(new Event('visibilitychange'))
    for (let t = 32; t <= 320; t += 16) frame(t)
    expect(step).toHaveBeenCalledTimes(1)
    hidden = false
    document.dispatchEvent(new Event('visibilitychange'))
    frame(336)
    expect(step).toHaveBeenCalledTimes(2)
    loop.dispose()
  })

  it('keeps its pace: at 40 ms between frames, every third display frame draws, and it waits on a timer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let clock = 0
    vi.mocked(performance.now).mockImplementation(() => clock)
    const step = vi.fn(() => true)
    let pace = 40
    const loop = new RenderLoop(step, () => pace)
    loop.wake()
    let requested = 0
    for (clock = 16; clock <= 16 * 30; clock += 16) {
      vi.advanceTimersByTime(16)
      requested += queue.length
      frame(clock)
    }
    expect(step.mock.calls.length).toBeGreaterThanOrEqual(10)
    expect(step.mock.calls.length).toBeLessThanOrEqual(12)
    // No display frame is asked for only to be skipped: the page sleeps between its frames.
    expect(requested).toBeLessThanOrEqual(step.mock.calls.length + 1)
    // Woken when the pace quickens (she starts talking): the next display frame draws, not the timer's.
    const drawn = step.mock.calls.length
    pace = 0
    loop.wake()
    frame((clock += 1))
    expect(step.mock.calls.length).toBe(drawn + 1)
    loop.dispose()
    vi.useRealTimers()
  })

  it('frozen, draws only frames stepped by hand', () => {
    const step = vi.fn(() => true)
    const loop = new RenderLoop(step)
    loop.freeze()
    loop.wake()
    frame(16)
    expect(step).not.toHaveBeenCalled()
    loop.stepBy(50)
    expect(step).toHaveBeenCalledWith(0.05)
    loop.dispose()
  })
})
