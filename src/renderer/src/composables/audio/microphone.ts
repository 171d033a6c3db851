/**
 * The microphone: opened only when asked (listening, push-to-talk, the level meter in Settings)
 * with echo cancellation, noise suppression and auto gain on, so Mira's own voice from the
 * speakers is taken out before anything listens. Its level (0..1) is read from an AnalyserNode in
 * the shared audio graph once per frame while it is open. A track that ends by itself (the
 * device was unplugged) closes it and says so.
 */
import { rms } from '../../lib/speech/lip-sync-math'
import { Signal } from '../../lib/speech/signal'
import { micProblemOf, type MicProblem } from '../../lib/listen/mic-errors'
import { audioContext } from './audio-owner'

export class MicError extends Error {
  override name = 'MicError'
  constructor(readonly problem: MicProblem, cause?: unknown) {
    super(`Microphone: ${problem}`, { cause })
  }
}

/** Loud speech sits around 0.1–0.3 RMS; scaled so the meter moves visibly for a normal voice. */
const LEVEL_GAIN = 4

export class Microphone {
  /** Input level, 0..1, while open. */
  readonly level = new Signal<number>(0)
  /** True while the microphone is open (the indicator shows it). */
  readonly open = new Signal<boolean>(false)
  /** Set when the device went away while open. */
  onLost: ((problem: MicProblem) => void) | undefined
  private stream: MediaStream | undefined
  private source: MediaStreamAudioSourceNode | undefined
  private analyser: AnalyserNode | undefined
  private frame: number | undefined
  private samples: Float32Array<ArrayBuffer> | undefined

  /** Opens `deviceId` ('' = the system default); rejects with a MicError saying why not. */
  async start(deviceId: string): Promise<MediaStream> {
    this.stop()
    if (!navigator.mediaDevices?.getUserMedia) throw new MicError(window.isSecureContext ? 'unsupported' : 'insecure')
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: {
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
          channelCount: 1,
          echoCancellation: true,
          noiseSuppression: true,
          autoGainControl: true,
        },
      })
    } catch (error) {
      throw new MicError(micProblemOf(error), error)
    }
    this.stream = stream
    for (const track of stream.getAudioTracks()) {
      track.addEventListener('ended', () => {
        if (this.stream !== stream) return
        this.stop()
        this.onLost?.('unplugged')
      })
    }
    const context = audioContext()
    if (context.state === 'suspended') void context.resume()
    this.source = context.createMediaStreamSource(stream)
    this.analyser = context.createAnalyser()
    this.analyser.fftSize = 1024
    this.source.connect(this.analyser)
    this.open.set(true)
    this.frame = requestAnimationFrame(() => this.measure())
    return stream
  }

  stop(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    this.frame = undefined
    this.source?.disconnect()
    this.source = undefined
    this.analyser = undefined
    for (const track of this.stream?.getTracks() ?? []) track.stop()
    this.stream = undefined
    if (this.open.value) this.open.set(false)
    this.level.set(0)
  }

  get label(): string | undefined {
    return this.stream?.getAudioTracks()[0]?.label
  }

  private measure(): void {
    const analyser = this.analyser
    if (!analyser) return
    if (this.samples?.length !== analyser.fftSize) this.samples = new Float32Array(analyser.fftSize)
    analyser.getFloatTimeDomainData(this.samples)
    this.level.set(Math.min(1, rms(this.samples) * LEVEL_GAIN))
    this.frame = requestAnimationFrame(() => this.measure())
  }
}

/** The audio inputs the browser lists (labels only once a microphone was allowed). */
export async function listMicrophones(): Promise<{ id: string; label: string }[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return []
  const devices = await navigator.mediaDevices.enumerateDevices()
  return devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== '').map((d) => ({ id: d.deviceId, label: d.label }))
}

let shared: Microphone | undefined

/** The app's one microphone. */
export function useMicrophone(): Microphone {
  shared ??= new Microphone()
  return shared
}
