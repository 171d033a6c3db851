/**
 * One AudioContext for all speech: decoded clips are scheduled back to back on the context clock
 * (no gap between sentences, whatever the event loop is doing), through an AnalyserNode (lip
 * sync reads it; it sits before the volume, so a muted voice still moves the mouth) and a
 * GainNode (volume). `stop()` silences every source at once. The silence between clips is
 * measured on the context clock and handed to each clip's `started`.
 */
import type { ClipEvents } from '../lib/speech/queue'
import { audioContext } from './audio/audio-owner'

/** Frames the audio thread renders at a time (Web Audio's render quantum). */
const RENDER_QUANTUM = 128
/**
 * Lead for a clip after silence, in render quanta: the audio thread picks the source up at its
 * next quantum (a start time already past would also play at once, from its first sample, so
 * nothing is cut). Every millisecond here is a millisecond before the first word.
 */
const START_LEAD_QUANTA = 1

export interface ScheduledClip {
  cancel(): void
}

export class AudioPlayer {
  private context: AudioContext | undefined
  private gain: GainNode | undefined
  private analyserNode: AnalyserNode | undefined
  /** Context time at which the last scheduled clip ends. */
  private endsAt = 0
  private readonly sources = new Set<AudioBufferSourceNode>()
  private volume = 1
  private rate = 1

  /** Created on first use: a context made before any user gesture may start suspended. */
  private ensure(): { context: AudioContext; gain: GainNode; analyser: AnalyserNode } {
    if (!this.context || !this.gain || !this.analyserNode) {
      const context = audioContext()
      const analyser = context.createAnalyser()
      analyser.fftSize = 1024
      analyser.smoothingTimeConstant = 0
      const gain = context.createGain()
      gain.gain.value = this.volume
      analyser.connect(gain).connect(context.destination)
      this.context = context
      this.gain = gain
      this.analyserNode = analyser
      return { context, gain, analyser }
    }
    return { context: this.context, gain: this.gain, analyser: this.analyserNode }
  }

  /** Undefined until the first clip was decoded. */
  get analyser(): AnalyserNode | undefined {
    return this.analyserNode
  }

  get sampleRate(): number {
    return this.context?.sampleRate ?? 48_000
  }

  /** One render quantum of this context (ms): the audio thread's smallest step. */
  get renderQuantumMs(): number {
    return (RENDER_QUANTUM / this.sampleRate) * 1000
  }

  /** What the context reports of its own latency (ms), for diagnostics. */
  get latency(): { baseMs: number; outputMs: number } {
    return { baseMs: (this.context?.baseLatency ?? 0) * 1000, outputMs: (this.context?.outputLatency ?? 0) * 1000 }
  }

  /** Something is playing or scheduled. */
  get active(): boolean {
    return this.sources.size > 0
  }

  /** Call from a user gesture (sending a message): lets a suspended context play. */
  resume(): void {
    const { context } = this.ensure()
    if (context.state === 'suspended') void context.resume()
  }

  async decode(bytes: Uint8Array): Promise<AudioBuffer> {
    const { context } = this.ensure()
    // decodeAudioData takes (and detaches) an ArrayBuffer of its own.
    return context.decodeAudioData(bytes.slice().buffer)
  }

  /**
   * Plays `buffer` right after whatever was scheduled before it, at the speed setting, or at
   * `options.rate` for a voice that applied the speed when it synthesized.
   */
  schedule(buffer: AudioBuffer, events: ClipEvents, options: { rate?: number } = {}): ScheduledClip {
    const { context, analyser } = this.ensure()
    if (context.state === 'suspended') void context.resume()
    const rate = options.rate ?? this.rate
    const source = context.createBufferSource()
    source.buffer = buffer
    source.playbackRate.value = rate
    source.connect(analyser)
    const previousEnd = this.endsAt
    const startAt = Math.max(context.currentTime + (START_LEAD_QUANTA * RENDER_QUANTUM) / context.sampleRate, previousEnd)
    this.endsAt = startAt + buffer.duration / rate
    const timing = {
      durationMs: (buffer.duration / rate) * 1000,
      // After a stop (or on the first clip) nothing came before: no gap to speak of.
      ...(previousEnd > 0 ? { gapMs: (startAt - previousEnd) * 1000 } : {}),
    }
    this.sources.add(source)
    let done = false
    // `started` follows the context clock, not the moment of scheduling.
    const startTimer = setTimeout(() => !done && events.started(timing), Math.max(0, (startAt - context.currentTime) * 1000))
    source.onended = () => {
      if (done) return
      done = true
      clearTimeout(startTimer)
      this.sources.delete(source)
      events.ended()
    }
    source.start(startAt)
    return {
      cancel: () => {
        if (done) return
        done = true
        clearTimeout(startTimer)
        this.release(source)
        if (this.sources.size === 0) this.endsAt = 0
      },
    }
  }

  /** Silences everything at once. */
  stop(): void {
    for (const source of [...this.sources]) this.release(source)
    this.endsAt = 0
  }

  /**
   * Resolves with the `performance.now()` time at which the analyser's latest render quantum is
   * all zeros (the graph is silent), or undefined when that takes longer than `limitMs`. Checks
   * as often as the event loop allows (a message-channel loop, not clamped like timers).
   */
  untilSilent(limitMs = 1_000): Promise<number | undefined> {
    const analyser = this.analyserNode
    if (!analyser) return Promise.resolve(performance.now())
    const data = new Float32Array(analyser.fftSize)
    const channel = new MessageChannel()
    const since = performance.now()
    return new Promise((resolve) => {
      const finish = (at: number | undefined): void => {
        channel.port1.close()
        resolve(at)
      }
      const check = (): void => {
        analyser.getFloatTimeDomainData(data)
        const now = performance.now()
        if (data.subarray(data.length - RENDER_QUANTUM).every((v) => v === 0)) finish(now)
        else if (now - since > limitMs) finish(undefined)
        else channel.port2.postMessage(null)
      }
      channel.port1.onmessage = check
      check()
    })
  }

  setVolume(volume: number): void {
    this.volume = volume
    if (this.gain && this.context) this.gain.gain.setTargetAtTime(volume, this.context.currentTime, 0.015)
  }

  /** Applies to clips scheduled from now on. */
  setRate(rate: number): void {
    this.rate = rate
  }

  private release(source: AudioBufferSourceNode): void {
    this.sources.delete(source)
    source.onended = null
    try {
      source.stop()
    } catch {
      // Already stopped: nothing left to silence.
    }
    source.disconnect()
  }
}

let shared: AudioPlayer | undefined

/** The app's one audio player. */
export function useAudioPlayer(): AudioPlayer {
  shared ??= new AudioPlayer()
  return shared
}
