/**
 * Speech latency statistics, free of browser APIs: each spoken sentence's way from arrival to
 * sound split into stages, summarized for the last answer and as rolling percentiles.
 */
import type { EngineKind } from './engines/types'

/** One sentence's way from arrival to sound (ms, `performance.now()` clock). */
export interface LatencySample {
  id: number
  turnId: string
  engine: EngineKind
  /** The first sentence of its answer: nothing played before it, so its start delay is pure overhead. */
  first: boolean
  receivedAt: number
  synthesisStartedAt: number
  synthesizedAt: number
  startedAt: number
  /** Silence between the previous sentence of the same answer and this one (audio clock), when measured. */
  gapMs?: number
  /** How long the sentence plays, when its voice knows. */
  durationMs?: number
}

export type StageName = 'queue' | 'synthesis' | 'start' | 'firstAudio' | 'gap'

/** In table order; their names are worded by the diagnostics panel (`speech.diagnostics.stages`). */
export const STAGES: readonly StageName[] = ['queue', 'synthesis', 'start', 'firstAudio', 'gap']

/** How long the sample spent in a stage (ms), or undefined when the stage does not apply to it. */
export function stageMs(sample: LatencySample, stage: StageName): number | undefined {
  switch (stage) {
    case 'queue':
      return sample.synthesisStartedAt - sample.receivedAt
    case 'synthesis':
      return sample.synthesizedAt - sample.synthesisStartedAt
    case 'start':
      return sample.startedAt - sample.synthesizedAt
    case 'firstAudio':
      // Arrival to sound, less the synthesis itself: what the pipeline adds on top of the voice.
      return sample.first ? sample.startedAt - sample.receivedAt - (sample.synthesizedAt - sample.synthesisStartedAt) : undefined
    case 'gap':
      return sample.first ? undefined : sample.gapMs
  }
}

/** The p-th percentile (0..100) by linear interpolation between the closest ranks; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const a = sorted[low] ?? 0
  const b = sorted[high] ?? a
  return a + (b - a) * (rank - low)
}

export interface Summary {
  /** Median over the last answer's sentences (or the last value, for stops). */
  last?: number
  p50?: number
  p95?: number
  count: number
}

export interface StageSummary extends Summary {
  stage: StageName
}

/** Every stage for the last answer and over the last `window` samples. */
export function summarize(samples: readonly LatencySample[], window = 100): StageSummary[] {
  const recent = samples.slice(-window)
  const lastTurn = recent.at(-1)?.turnId
  return STAGES.map((name) => {
    const values = defined(recent.map((s) => stageMs(s, name)))
    const turnValues = defined(recent.filter((s) => s.turnId === lastTurn).map((s) => stageMs(s, name)))
    return { stage: name, ...optional('last', percentile(turnValues, 50)), ...spread(values) }
  })
}

/** Stop-to-silence times (ms), most recent last. */
export function summarizeStops(stops: readonly number[], window = 100): Summary {
  const recent = stops.slice(-window)
  return { ...optional('last', recent.at(-1)), ...spread(recent) }
}

function spread(values: number[]): Summary {
  return { ...optional('p50', percentile(values, 50)), ...optional('p95', percentile(values, 95)), count: values.length }
}

function defined(values: (number | undefined)[]): number[] {
  return values.filter((v): v is number => v !== undefined && Number.isFinite(v))
}

/** `{ key: value }` when defined, `{}` otherwise (exactOptionalPropertyTypes). */
function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, number>>)
}
