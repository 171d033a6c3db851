/**
 * The arithmetic of lip sync, without the browser: loudness of a block of samples, mouth
 * openness from loudness, attack/release smoothing, and a vowel-shape hint from the spectrum.
 */

/** Root mean square of time-domain samples (-1..1). */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] ?? 0
    sum += v * v
  }
  return Math.sqrt(sum / samples.length)
}

export interface OpennessCurve {
  /** Below this RMS the mouth stays shut (breath, hiss). Default 0.015. */
  gate: number
  /** The RMS that opens the mouth fully. Default 0.22. */
  full: number
}

const DEFAULT_CURVE: OpennessCurve = { gate: 0.015, full: 0.22 }

/** Loudness → target openness 0..1; a square-root curve so quiet syllables still show. */
export function opennessOf(level: number, curve: OpennessCurve = DEFAULT_CURVE): number {
  if (level <= curve.gate) return 0
  const x = Math.min(1, (level - curve.gate) / (curve.full - curve.gate))
  return Math.sqrt(x)
}

export interface SmootherOptions {
  /** Time constant while opening (ms). Default 25. */
  attackMs: number
  /** Time constant while closing (ms). Default 22: fully open to shut in ~75 ms, leaving room for the analyser window. */
  releaseMs: number
  /** Below this the value snaps to 0 (a closed mouth is drawn closed, not nearly so). Default 0.04. */
  floor: number
}

const DEFAULT_SMOOTHING: SmootherOptions = { attackMs: 25, releaseMs: 22, floor: 0.04 }

/** Follows a target with separate opening and closing speeds, frame-rate independent. */
export class AttackRelease {
  value = 0
  private readonly options: SmootherOptions

  constructor(options: Partial<SmootherOptions> = {}) {
    this.options = { ...DEFAULT_SMOOTHING, ...options }
  }

  step(target: number, dtMs: number): number {
    const tau = target > this.value ? this.options.attackMs : this.options.releaseMs
    const k = 1 - Math.exp(-Math.max(0, dtMs) / tau)
    this.value += (target - this.value) * k
    if (this.value < this.options.floor && target < this.options.floor) this.value = 0
    return this.value
  }

  reset(): void {
    this.value = 0
  }
}

/** Spectral centroid (Hz) of byte magnitudes from an AnalyserNode (`getByteFrequencyData`). */
export function spectralCentroid(magnitudes: ArrayLike<number>, sampleRate: number): number {
  const binHz = sampleRate / 2 / Math.max(1, magnitudes.length)
  let weighted = 0
  let total = 0
  for (let i = 0; i < magnitudes.length; i++) {
    const m = magnitudes[i] ?? 0
    weighted += m * i * binHz
    total += m
  }
  return total === 0 ? 0 : weighted / total
}

/**
 * A cheap vowel-shape hint from the centroid: 0 for round vowels (o, u: dark, low centroid),
 * 1 for spread ones (i, e: bright, high centroid). 0.5 when nothing is heard.
 */
export function spreadOf(centroidHz: number, low = 700, high = 2600): number {
  if (centroidHz <= 0) return 0.5
  return Math.min(1, Math.max(0, (centroidHz - low) / (high - low)))
}
