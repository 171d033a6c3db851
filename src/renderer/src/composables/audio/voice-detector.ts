/**
 * Voice-activity detection: Silero VAD (`@ricky0123/vad-web`, onnxruntime-web in WebAssembly) on
 * the microphone, in the shared audio graph. Its files come from the app itself (`vad/`, see
 * scripts/vad-assets.ts): the model and the ONNX runtime are loaded once, ahead of first use, with
 * progress (the runtime's 15 MB WebAssembly is fetched here and handed over, so it is fetched once).
 * The microphone is opened and closed by the caller; the detector only listens while started.
 */
import { MicVAD } from '@ricky0123/vad-web'
import { Signal } from '../../lib/speech/signal'
import { audioContext } from './audio-owner'

export interface DetectorEvents {
  /** Probable speech began (a frame over the start threshold). */
  speechStart(): void
  /** It lasted longer than the minimum: a person speaking, not a click. */
  speechConfirmed(): void
  /** It stopped before the minimum. */
  misfire(): void
  /** The utterance ended after the end delay: 16 kHz mono samples, -1..1. */
  speechEnd(audio: Float32Array): void
  /** Every 16 kHz frame the detector read (push-to-talk keeps them all). */
  frame(samples: Float32Array, probability: number): void
}

export interface DetectorOptions {
  startThreshold: number
  endThreshold: number
  endDelayMs: number
  minSpeechMs: number
}

const WASM_FILE = 'ort-wasm-simd-threaded.wasm'
/** The model's share of the loading bar (the runtime is the rest): by size, 2.3 MB of 17. */
const MODEL_SHARE = 0.15

/** Fetches `url` whole, reporting the fraction received. */
async function fetchWithProgress(url: string, progress: (fraction: number) => void): Promise<ArrayBuffer> {
  const response = await fetch(url)
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`)
  const total = Number(response.headers.get('Content-Length')) || 0
  const reader = response.body.getReader()
  const parts: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parts.push(value)
    received += value.length
    if (total > 0) progress(Math.min(1, received / total))
  }
  const bytes = new Uint8Array(received)
  let at = 0
  for (const part of parts) {
    bytes.set(part, at)
    at += part.length
  }
  progress(1)
  return bytes.buffer
}

export class VoiceDetector {
  /** Loading progress, 0..1 (1 once ready). */
  readonly progress = new Signal<number>(0)
  private vad: MicVAD | undefined
  private loading: Promise<MicVAD> | undefined
  private stream: MediaStream | undefined
  private started = false

  constructor(private readonly events: DetectorEvents) {}

  get loaded(): boolean {
    return this.vad !== undefined
  }

  /** Loads the runtime and the model (once; later calls wait for the same load). */
  load(options: DetectorOptions): Promise<MicVAD> {
    this.loading ??= this.create(options).catch((error: unknown) => {
      this.loading = undefined
      this.progress.set(0)
      throw error
    })
    return this.loading
  }

  /** Listens to `stream` (an open microphone). */
  async start(stream: MediaStream, options: DetectorOptions): Promise<void> {
    const vad = await this.load(options)
    this.stream = stream
    this.setOptions(options)
    this.started = true
    await vad.start()
  }

  /** Stops listening; an utterance in progress is dropped. */
  async stop(): Promise<void> {
    if (!this.started || !this.vad) return
    this.started = false
    await this.vad.pause()
  }

  setOptions(options: DetectorOptions): void {
    this.vad?.setOptions({
      positiveSpeechThreshold: options.startThreshold,
      negativeSpeechThreshold: options.endThreshold,
      redemptionMs: options.endDelayMs,
      minSpeechMs: options.minSpeechMs,
    })
  }

  private async create(options: DetectorOptions): Promise<MicVAD> {
    const base = new URL('vad/', document.baseURI).href
    const wasm = await fetchWithProgress(base + WASM_FILE, (f) => this.progress.set(f * (1 - MODEL_SHARE)))
    const vad = await MicVAD.new({
      model: 'v5',
      baseAssetPath: base,
      onnxWASMBasePath: base,
      ortConfig: (ort) => {
        ort.env.logLevel = 'error'
        ort.env.wasm.wasmBinary = wasm
        // No cross-origin isolation, so no shared memory: one thread, and no worker to spawn.
        ort.env.wasm.numThreads = 1
      },
      audioContext: audioContext(),
      startOnLoad: false,
      getStream: async () => this.currentStream(),
      resumeStream: async () => this.currentStream(),
      // The microphone belongs to its owner: pausing the detector leaves it alone.
      pauseStream: async () => undefined,
      positiveSpeechThreshold: options.startThreshold,
      negativeSpeechThreshold: options.endThreshold,
      redemptionMs: options.endDelayMs,
      minSpeechMs: options.minSpeechMs,
      preSpeechPadMs: 300,
      submitUserSpeechOnPause: false,
      onSpeechStart: () => this.events.speechStart(),
      onSpeechRealStart: () => this.events.speechConfirmed(),
      onVADMisfire: () => this.events.misfire(),
      onSpeechEnd: (audio) => this.events.speechEnd(audio),
      onFrameProcessed: (probabilities, frame) => this.events.frame(frame, probabilities.isSpeech),
    })
    this.vad = vad
    this.progress.set(1)
    return vad
  }

  private currentStream(): MediaStream {
    if (!this.stream) throw new Error('The microphone is not open')
    return this.stream
  }
}
