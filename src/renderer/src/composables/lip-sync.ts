/**
 * The lip-sync signal: mouth openness (0..1) and a vowel-spread hint (0 round … 1 wide), made
 * from the speech output's AnalyserNode once per animation frame while audio plays, and until
 * the mouth has closed after it. A voice without an analyser (the browser's own speech) gets a
 * gentle synthetic talking motion instead.
 */
import { AttackRelease, opennessOf, rms, spectralCentroid, spreadOf } from '../lib/speech/lip-sync-math'
import { Signal } from '../lib/speech/signal'
import { useAudioPlayer, type AudioPlayer } from './audio-player'

export interface MouthShape {
  open: number
  spread: number
}

export class LipSync {
  readonly signal = new Signal<MouthShape>({ open: 0, spread: 0.5 })
  private readonly mouth = new AttackRelease()
  private readonly spread = new AttackRelease({ attackMs: 60, releaseMs: 60, floor: 0 })
  private frame: number | undefined
  private last = 0
  private synthetic = false
  private time: Float32Array<ArrayBuffer> | undefined
  private bins: Uint8Array<ArrayBuffer> | undefined

  constructor(private readonly player: AudioPlayer) {}

  /** Audio started: follow it until it ends and the mouth has closed. */
  wake(): void {
    if (this.frame !== undefined) return
    this.last = performance.now()
    this.frame = requestAnimationFrame((t) => this.tick(t))
  }

  /** Voices without an analyser: talk while `on`. */
  setSynthetic(on: boolean): void {
    this.synthetic = on
    if (on) this.wake()
  }

  private tick(now: number): void {
    const dt = Math.min(100, now - this.last)
    this.last = now
    const { target, spread } = this.sample(now)
    const open = this.mouth.step(target, dt)
    const shape = { open, spread: this.spread.step(spread, dt) }
    this.signal.set(shape)
    const quiet = !this.player.active && !this.synthetic && open === 0
    this.frame = quiet ? undefined : requestAnimationFrame((t) => this.tick(t))
  }

  private sample(now: number): { target: number; spread: number } {
    if (this.synthetic) {
      // Syllable-like pulses around 4 Hz, never fully shut: reads as talking without audio data.
      const pulse = 0.5 + 0.5 * Math.sin(now / 40) * Math.sin(now / 97)
      return { target: 0.15 + 0.55 * Math.abs(pulse), spread: 0.5 }
    }
    const analyser = this.player.analyser
    if (!analyser || !this.player.active) return { target: 0, spread: 0.5 }
    if (this.time?.length !== analyser.fftSize) this.time = new Float32Array(analyser.fftSize)
    if (this.bins?.length !== analyser.frequencyBinCount) this.bins = new Uint8Array(analyser.frequencyBinCount)
    analyser.getFloatTimeDomainData(this.time)
    analyser.getByteFrequencyData(this.bins)
    return { target: opennessOf(rms(this.time)), spread: spreadOf(spectralCentroid(this.bins, this.player.sampleRate)) }
  }
}

let shared: LipSync | undefined

/** The app's lip-sync signal, fed by the shared audio player. */
export function useLipSync(): LipSync {
  shared ??= new LipSync(useAudioPlayer())
  return shared
}
