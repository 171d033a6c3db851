import { describe, expect, it, vi } from 'vitest'
import { DetectorTimeline } from './detector-timeline'

const frame = (value: number) => new Float32Array(512).fill(value)

describe('DetectorTimeline', () => {
  it('places each event at the samples read when it fired, and forwards every call', () => {
    const timeline = new DetectorTimeline()
    const speechEnd = vi.fn()
    const events = timeline.wrap({ speechStart: vi.fn(), speechConfirmed: vi.fn(), misfire: vi.fn(), speechEnd, frame: vi.fn() })
    timeline.started()
    events.frame(frame(0), 0)
    events.frame(frame(0.5), 0.9)
    events.speechStart()
    events.frame(frame(0.5), 0.9)
    events.speechEnd(new Float32Array(1024))
    expect(speechEnd).toHaveBeenCalledTimes(1)
    const snapshot = timeline.snapshot()
    expect(snapshot.events).toEqual([
      { kind: 'speechStart', atSample: 1024 },
      { kind: 'speechEnd', atSample: 1536 },
    ])
    expect(snapshot).toMatchObject({ sampleRate: 16_000, samples: 1536, starts: [0], audioFrom: 0 })
    const wav = atob(snapshot.audioWavBase64)
    expect(wav.length).toBe(44 + 1536 * 2)
  })

  it('keeps at most two minutes of audio; positions still count from the first sample', () => {
    const timeline = new DetectorTimeline()
    const frames = (132 * 16_000) / 512
    for (let i = 0; i < frames; i++) timeline.frame(frame(0))
    const snapshot = timeline.snapshot()
    expect(snapshot.samples).toBe(132 * 16_000)
    expect(snapshot.audioFrom).toBe(12 * 16_000)
    expect(atob(snapshot.audioWavBase64).length).toBe(44 + 120 * 16_000 * 2)
  })
})
