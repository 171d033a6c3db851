/**
 * The detector's own audio timeline, for the VAD timing tests: every event is placed by the number
 * of 16 kHz samples the detector had read when it fired, never by the wall clock, so a loaded
 * machine cannot move it. The audio it read is kept too (bounded), so a test can measure where the
 * speech really was in exactly what the detector heard. Read through `window.__miraListen`, which
 * exists only when the page was opened with `?diagnostics=1`.
 */
import type { DetectorEvents } from '../../composables/audio/voice-detector'
import { diagnosticsRequested } from '../speech/diagnostics-hook'
import { concatFrames, encodeWav, STT_SAMPLE_RATE, toBase64 } from './wav'

/** The detector's events, and `bargeIn`: the user's voice stopped Mira (the barge-in bench counts them). */
export type TimelineEventKind = 'speechStart' | 'speechConfirmed' | 'misfire' | 'speechEnd' | 'bargeIn'

export interface TimelineEvent {
  kind: TimelineEventKind
  /** Samples read (16 kHz) when it fired: the end of the frame that decided it. */
  atSample: number
}

export interface TimelineSnapshot {
  sampleRate: number
  /** Samples read since the detector first listened. */
  samples: number
  events: TimelineEvent[]
  /** Where each listening period began (a pause leaves a seam in the audio). */
  starts: number[]
  /** The audio read, as a 16-bit WAV in base64, starting at sample `audioFrom`. */
  audioWavBase64: string
  audioFrom: number
}

/** Two minutes of audio at most: enough for any test, bounded for a long session. */
const MAX_AUDIO_SAMPLES = 120 * STT_SAMPLE_RATE

export class DetectorTimeline {
  private samples = 0
  private readonly events: TimelineEvent[] = []
  private readonly starts: number[] = []
  private frames: Float32Array[] = []
  private kept = 0

  started(): void {
    this.starts.push(this.samples)
  }

  frame(samples: Float32Array): void {
    this.samples += samples.length
    this.frames.push(samples.slice())
    this.kept += samples.length
    while (this.kept > MAX_AUDIO_SAMPLES && this.frames.length > 1) this.kept -= this.frames.shift()?.length ?? 0
  }

  event(kind: TimelineEventKind): void {
    this.events.push({ kind, atSample: this.samples })
  }

  /** Everything but the audio (cheap enough to poll). */
  summary(): Omit<TimelineSnapshot, 'audioWavBase64' | 'audioFrom'> {
    return { sampleRate: STT_SAMPLE_RATE, samples: this.samples, events: this.events.map((e) => ({ ...e })), starts: [...this.starts] }
  }

  snapshot(): TimelineSnapshot {
    return {
      ...this.summary(),
      audioWavBase64: toBase64(encodeWav(concatFrames(this.frames), STT_SAMPLE_RATE)),
      audioFrom: this.samples - this.kept,
    }
  }

  /** `events`, recording each call on the timeline before passing it on. */
  wrap(events: DetectorEvents): DetectorEvents {
    return {
      speechStart: () => (this.event('speechStart'), events.speechStart()),
      speechConfirmed: () => (this.event('speechConfirmed'), events.speechConfirmed()),
      misfire: () => (this.event('misfire'), events.misfire()),
      speechEnd: (audio) => (this.event('speechEnd'), events.speechEnd(audio)),
      frame: (samples, probability) => (this.frame(samples), events.frame(samples, probability)),
    }
  }
}

declare global {
  interface Window {
    __miraListen?: { snapshot(): TimelineSnapshot; summary(): Omit<TimelineSnapshot, 'audioWavBase64' | 'audioFrom'> }
  }
}

/**
 * With `?diagnostics=1`: a timeline recording `events`, readable as `window.__miraListen`.
 * Otherwise `events` as they are, and nothing on `window`.
 */
export function withTimeline(events: DetectorEvents): { events: DetectorEvents; timeline?: DetectorTimeline } {
  if (typeof window === 'undefined' || !diagnosticsRequested(window.location.search)) return { events }
  const timeline = new DetectorTimeline()
  window.__miraListen = { snapshot: () => timeline.snapshot(), summary: () => timeline.summary() }
  return { events: timeline.wrap(events), timeline }
}
