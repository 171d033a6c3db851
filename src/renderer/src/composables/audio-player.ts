/**
 * One AudioContext for all speech: decoded clips are scheduled back to back on the context clock
 * (no gap between sentences, whatever the event loop is doing), through an AnalyserNode (lip
 * sync reads it; it sits before the volume, so a muted voice still moves the mouth) and a
 * GainNode (volume). `stop()` silences every source at once.
 */
import type { ClipEvents } from '../lib/speech/queue'

/** Lead time for the first clip: enough for the audio thread to pick the source up. */
const START_LEAD_S = 0.03

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
      const context = new AudioContext({ latencyHint: 'interactive' })
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

  /** Plays `buffer` right after whatever was scheduled before it. */
  schedule(buffer: AudioBuffer, events: ClipEvents): ScheduledClip {
    const { context, analyser } = this.ensure()
    if (context.state === 'suspended') void context.resume()
    const source = context.createBufferSource()
    source.buffer = buffer
    source.playbackRate.value = this.rate
    source.connect(analyser)
    const startAt = Math.max(context.currentTime + START_LEAD_S, this.endsAt)
    this.endsAt = startAt + buffer.duration / this.rate
    this.sources.add(source)
    let done = false
    // `started` follows the context clock, not the moment of scheduling.
    const startTimer = setTimeout(() => !done && events.started(), Math.max(0, (startAt - context.currentTime) * 1000))
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
