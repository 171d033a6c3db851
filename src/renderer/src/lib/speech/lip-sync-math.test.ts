/** Lip-sync arithmetic: loudness, the openness curve, smoothing speed, and the vowel hint. */
import { describe, expect, it } from 'vitest'
import { AttackRelease, opennessOf, rms, spectralCentroid, spreadOf } from './lip-sync-math'

const sine = (amplitude: number, n = 1024): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 48_000))

describe('lip-sync math', () => {
  it('measures a sine at amplitude/√2 and silence at 0', () => {
    expect(rms(sine(0.4))).toBeCloseTo(0.4 / Math.SQRT2, 2)
    expect(rms(new Float32Array(512))).toBe(0)
    expect(rms([])).toBe(0)
  })

  it('keeps the mouth shut below the gate, opens it with loudness, and caps at fully open', () => {
    expect(opennessOf(0.01)).toBe(0)
    const quiet = opennessOf(0.05)
    const loud = opennessOf(0.15)
    expect(quiet).toBeGreaterThan(0)
    expect(loud).toBeGreaterThan(quiet)
    expect(opennessOf(0.9)).toBe(1)
  })

  it('opens quickly and shuts within 100 ms of silence, at 60 or 30 frames per second', () => {
    for (const frameMs of [1000 / 60, 1000 / 30]) {
      const mouth = new AttackRelease()
      for (let t = 0; t < 200; t += frameMs) mouth.step(1, frameMs)
      expect(mouth.value).toBeGreaterThan(0.95)
      let elapsed = 0
      while (mouth.value > 0 && elapsed < 1000) {
        mouth.step(0, frameMs)
        elapsed += frameMs
      }
      expect(mouth.value).toBe(0)
      // Three frames at 30 fps add up to 100 ms give or take a float rounding.
      expect(elapsed).toBeLessThanOrEqual(100.001)
    }
  })

  it('does not jump open in a single frame (no flicker on a click)', () => {
    const mouth = new AttackRelease()
    expect(mouth.step(1, 1000 / 60)).toBeLessThan(0.6)
  })

  it('finds the centroid of a spectrum and maps dark sounds to round, bright to spread', () => {
    const bins = new Uint8Array(512)
    bins[10] = 255 // 10 × 46.875 Hz at 48 kHz
    expect(spectralCentroid(bins, 48_000)).toBeCloseTo(468.75, 1)
    expect(spectralCentroid(new Uint8Array(512), 48_000)).toBe(0)
    expect(spreadOf(400)).toBe(0)
    expect(spreadOf(3000)).toBe(1)
    expect(spreadOf(0)).toBe(0.5)
  })
})
