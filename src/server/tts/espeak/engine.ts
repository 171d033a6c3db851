/**
 * Offline TTS with the espeak-ng WASM build, in a worker thread so a synthesis (0.1–0.5 s of
 * CPU) never blocks the server's event loop. The worker starts on first use and stops after a
 * quiet spell, giving back its memory (~150 MB while alive).
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { TtsError, type SynthesisRequest, type TtsEngine } from '../types'
import { ESPEAK_WORKER_SOURCE } from './worker-source'

export interface EspeakOptions {
  /** Default voice, e.g. `en-us`, `en-gb`, `de`, `ja`. Default `en-us`. */
  voice?: string
  /** Words per minute, 80–450. Default 175. */
  rate?: number
  /** 0–99. Default 50. */
  pitch?: number
  /** Stop the idle worker after this long. Default 60 000. */
  idleMs?: number
  /** One synthesis may take this long before the worker is restarted. Default 30 000. */
  jobTimeoutMs?: number
}

/** espeak-ng voice names: `en`, `en-us`, `zh-yue`, `en+f3`. */
const VOICE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*(\+[a-z0-9]{1,8})?$/i

interface Pending {
  resolve: (wav: Uint8Array) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

type WorkerReply = { id: number; wav: Uint8Array } | { id: number; error: string }

function espeakPaths(): { moduleUrl: string; wasmPath: string } {
  const entry = createRequire(import.meta.url).resolve('espeak-ng')
  return { moduleUrl: pathToFileURL(entry).href, wasmPath: join(dirname(entry), 'espeak-ng.wasm') }
}

export class EspeakEngine implements TtsEngine {
  readonly kind = 'espeak-ng'
  // Short pieces keep each run quick; the endpoint joins them.
  readonly maxChars = 600
  private readonly voice: string
  private readonly rate: number
  private readonly pitch: number
  private readonly idleMs: number
  private readonly jobTimeoutMs: number
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private idleTimer: NodeJS.Timeout | undefined

  constructor(options: EspeakOptions = {}) {
    this.voice = options.voice && VOICE.test(options.voice) ? options.voice : 'en-us'
    this.rate = Math.min(450, Math.max(80, Math.round(options.rate ?? 175)))
    this.pitch = Math.min(99, Math.max(0, Math.round(options.pitch ?? 50)))
    this.idleMs = options.idleMs ?? 60_000
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000
  }

  describe(): string {
    return `espeak-ng (offline, voice ${this.voice}, ${this.rate} wpm)`
  }

  async synthesize(request: SynthesisRequest): Promise<Uint8Array> {
    const voice = request.voice && VOICE.test(request.voice) ? request.voice : this.voice
    try {
      return await this.run(request.text, voice, request.signal)
    } catch (error) {
      // An unknown voice (a client's reference_id) falls back to the default one.
      if (voice !== this.voice && error instanceof TtsError && /voice/i.test(error.message)) {
        return this.run(request.text, this.voice, request.signal)
      }
      throw error
    }
  }

  private run(text: string, voice: string, signal?: AbortSignal): Promise<Uint8Array> {
    signal?.throwIfAborted()
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise<Uint8Array>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(entry.timer)
        this.pending.delete(id)
        signal?.removeEventListener('abort', onAbort)
        this.scheduleIdleStop()
      }
      const onAbort = (): void => {
        settle()
        reject(signal?.reason instanceof Error ? signal.reason : new Error('Synthesis aborted'))
      }
      const entry: Pending = {
        resolve: (wav) => {
          settle()
          resolve(wav)
        },
        reject: (error) => {
          settle()
          reject(error)
        },
        timer: setTimeout(() => {
          entry.reject(new TtsError('espeak-ng took too long; its worker was restarted'))
          void this.stopWorker()
        }, this.jobTimeoutMs),
      }
      this.pending.set(id, entry)
      signal?.addEventListener('abort', onAbort, { once: true })
      clearTimeout(this.idleTimer)
      // Busy: keep the process alive until the answer arrives.
      worker.ref()
      worker.postMessage({ id, text, voice, rate: this.rate, pitch: this.pitch })
    })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(ESPEAK_WORKER_SOURCE, { eval: true, workerData: espeakPaths() })
    worker.on('message', (reply: WorkerReply) => {
      const entry = this.pending.get(reply.id)
      if (!entry) return
      if ('error' in reply) entry.reject(new TtsError(`espeak-ng: ${reply.error}`))
      else entry.resolve(reply.wav)
    })
    const fail = (error: Error): void => {
      if (this.worker !== worker) return
      this.worker = undefined
      for (const entry of [...this.pending.values()]) entry.reject(new TtsError(`espeak-ng worker failed: ${error.message}`))
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)))
    this.worker = worker
    return worker
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer)
    if (this.pending.size > 0 || !this.worker) return
    // Idle: the worker must not keep a process alive on its own.
    this.worker.unref()
    this.idleTimer = setTimeout(() => void this.stopWorker(), this.idleMs)
    this.idleTimer.unref()
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    clearTimeout(this.idleTimer)
    for (const entry of [...this.pending.values()]) entry.reject(new TtsError('espeak-ng stopped'))
    await worker?.terminate()
  }

  async close(): Promise<void> {
    await this.stopWorker()
  }
}
