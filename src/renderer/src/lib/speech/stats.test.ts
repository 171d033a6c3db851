/** Speech latency statistics: stage split, percentiles, last answer vs rolling window. */
import { describe, expect, it } from 'vitest'
import { percentile, stageMs, summarize, summarizeStops, type LatencySample } from './stats'

/** A sentence received at `at`: queued `q` ms, synthesized in `s` ms, started `d` ms later. */
function sample(id: number, turnId: string, at: number, q: number, s: number, d: number, gapMs?: number): LatencySample {
  return {
    id,
    turnId,
    engine: 'server',
    first: gapMs === undefined,
    receivedAt: at,
    synthesisStartedAt: at + q,
    synthesizedAt: at + q + s,
    startedAt: at + q + s + d,
    ...(gapMs === undefined ? {} : { gapMs }),
  }
}

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([], 50)).toBeUndefined()
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5)
    expect(percentile([1, 2, 3, 4, 5], 0)).toBe(1)
    expect(percentile([1, 2, 3, 4, 5], 100)).toBe(5)
    expect(percentile(Array.from({ length: 101 }, (_, i) => 100 - i), 95)).toBe(95)
  })
})

describe('stage split', () => {
  it('splits a first sentence into queue, synthesis, start delay and the overhead around synthesis', () => {
    const first = sample(1, 't', 1000, 5, 200, 30)
    expect(stageMs(first, 'queue')).toBe(5)
    expect(stageMs(first, 'synthesis')).toBe(200)
    expect(stageMs(first, 'start')).toBe(30)
    expect(stageMs(first, 'firstAudio')).toBe(35)
    expect(stageMs(first, 'gap')).toBeUndefined()
  })

  it('gives later sentences a gap and no first-audio overhead', () => {
    const later = sample(2, 't', 1000, 0, 100, 900, 1.5)
    expect(stageMs(later, 'gap')).toBe(1.5)
    expect(stageMs(later, 'firstAudio')).toBeUndefined()
  })
})

describe('summarize', () => {
  it('reports the last answer separately from the rolling percentiles', () => {
    const samples = [
      sample(1, 'a', 0, 10, 100, 20),
      sample(2, 'a', 0, 10, 300, 500, 4),
      sample(3, 'b', 0, 2, 50, 10),
      sample(4, 'b', 0, 4, 70, 600, 0),
      sample(5, 'b', 0, 6, 90, 700, 2),
    ]
    const byStage = Object.fromEntries(summarize(samples).map((s) => [s.stage, s]))
    expect(byStage.synthesis).toMatchObject({ last: 70, p50: 90, count: 5 })
    expect(byStage.queue).toMatchObject({ last: 4, p50: 6 })
    expect(byStage.gap).toMatchObject({ last: 1, p50: 2, count: 3 })
    expect(byStage.firstAudio).toMatchObject({ last: 12, count: 2 })
    expect(byStage.firstAudio?.p95).toBeCloseTo(29.1)
  })

  it('keeps only the last `window` samples and says when a stage has none', () => {
    const old = sample(1, 'a', 0, 1000, 1000, 1000)
    const recent = Array.from({ length: 3 }, (_, i) => sample(i + 2, 'b', 0, 1, 10, 5, i === 0 ? undefined : 0))
    const byStage = Object.fromEntries(summarize([old, ...recent], 3).map((s) => [s.stage, s]))
    expect(byStage.queue).toMatchObject({ p50: 1, p95: 1, count: 3 })
    expect(summarize([]).every((s) => s.count === 0 && s.p50 === undefined && s.last === undefined)).toBe(true)
  })

  it('summarizes stop-to-silence times', () => {
    expect(summarizeStops([])).toEqual({ count: 0 })
    expect(summarizeStops([9, 1, 3])).toMatchObject({ last: 3, p50: 3, count: 3 })
    expect(summarizeStops([9, 1, 3]).p95).toBeCloseTo(8.4)
  })
})
