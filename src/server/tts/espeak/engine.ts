/**
 * Offline TTS with the espeak-ng WASM build, in worker threads so a synthesis never blocks the
 * server's event loop. The WebAssembly is compiled once; each worker builds espeak-ng once and
 * reuses it (worker-source.ts). Up to `workers` sentences are synthesized at once (the next
 * sentences of an answer while the first plays); jobs wait in the engine, where a cancelled one
 * is dropped. Workers start on first use and stop after a quiet spell, giving back their memory.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { TtsError, type SynthesisRequest, type TtsEngine } from '../types'
import { WorkerPool, type PoolWorker } from './pool'
import { ESPEAK_WORKER_SOURCE } from './worker-source'

export interface EspeakOptions {
  /** Default voice, e.g. `en-us`, `en-gb`, `de`, `ja`. Default `en-us`. */
  voice?: string
  /** Words per minute, 80–450. Default 175. */
  rate?: number
  /** 0–99. Default 50. */
  pitch?: number
  /** Stop idle workers after this long. Default 60 000. */
  idleMs?: number
  /** One synthesis may take this long before its worker is restarted. Default 30 000. */
  jobTimeoutMs?: number
  /** Sentences synthesized at once. Default: 2, or 1 on a single core. */
  workers?: number
  /** Tests: a stand-in for the worker thread, given the compiled module's location. */
  createWorker?: (data: { moduleUrl: string; wasm: WebAssembly.Module }) => PoolWorker
}

/** espeak-ng voice names: `en`, `en-us`, `zh-yue`, `en+f3`. */
const VOICE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*(\+[a-z0-9]{1,8})?$/i

/** One of espeak-ng's voices: `id` as `-v` takes it (`en-us`), `name` as espeak-ng calls it (`English (America)`). */
export interface EspeakVoice {
  id: string
  name: string
}

/**
 * espeak-ng's `--voices` table: a header, then `Pty Language Age/Gender VoiceName File [Other Languages]`
 * per line, the name with `_` for spaces. Variants and duplicate languages are left out.
 */
export function parseVoiceTable(text: string): EspeakVoice[] {
  const voices = new Map<string, EspeakVoice>()
  for (const line of text.split('\n')) {
    const [, id, , name] = line.trim().split(/\s+/)
    if (!id || !name || !VOICE.test(id) || voices.has(id)) continue
    voices.set(id, { id, name: name.replace(/_/g, ' ') })
  }
  return [...voices.values()]
}

type WorkerReply = { id: number; wav: Uint8Array } | { id: number; error: string }

function espeakPaths(): { moduleUrl: string; wasmPath: string } {
  const entry = createRequire(import.meta.url).resolve('espeak-ng')
  return { moduleUrl: pathToFileURL(entry).href, wasmPath: join(dirname(entry), 'espeak-ng.wasm') }
}

/** Node's WebAssembly global (its declarations come with the DOM lib, which the Node code does not load). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly

const threadWorker = (data: { moduleUrl: string; wasm: WebAssembly.Module }): PoolWorker =>
  new Worker(ESPEAK_WORKER_SOURCE, { eval: true, workerData: data })

export class EspeakEngine implements TtsEngine {
  readonly kind = 'espeak-ng'
  // Short pieces keep each run quick; the endpoint joins them.
  readonly maxChars = 600
  private readonly voice: string
  private readonly rate: number
  private readonly pitch: number
  private readonly pool: WorkerPool
  private compiled: Promise<{ moduleUrl: string; wasm: WebAssembly.Module }> | undefined
  private module: { moduleUrl: string; wasm: WebAssembly.Module } | undefined
  private voiceList: Promise<EspeakVoice[]> | undefined

  constructor(options: EspeakOptions = {}) {
    this.voice = options.voice && VOICE.test(options.voice) ? options.voice : 'en-us'
    this.rate = Math.min(450, Math.max(80, Math.round(options.rate ?? 175)))
    this.pitch = Math.min(99, Math.max(0, Math.round(options.pitch ?? 50)))
    const create = options.createWorker ?? threadWorker
    this.pool = new WorkerPool({
      size: Math.max(1, options.workers ?? Math.min(2, availableParallelism())),
      jobTimeoutMs: options.jobTimeoutMs ?? 30_000,
      idleMs: options.idleMs ?? 60_000,
      create: () => create(this.module as { moduleUrl: string; wasm: WebAssembly.Module }),
      settle: (raw) => {
        const reply = raw as WorkerReply
        return 'error' in reply ? { id: reply.id, error: new TtsError(`espeak-ng: ${reply.error}`) } : { id: reply.id, result: reply.wav }
      },
      failure: (why) => new TtsError(`espeak-ng ${why}`),
    })
  }

  /** Sentences waiting for a worker (those being synthesized not counted). */
  get queued(): number {
    return this.pool.queued
  }

  describe(): string {
    return `espeak-ng (offline, voice ${this.voice}, ${this.rate} wpm)`
  }

  async synthesize(request: SynthesisRequest): Promise<Uint8Array> {
    const voice = request.voice && VOICE.test(request.voice) ? request.voice : this.voice
    const rate = request.rate === undefined ? this.rate : Math.min(450, Math.max(80, Math.round(request.rate)))
    try {
      return await this.run({ text: request.text, voice, rate }, request.signal)
    } catch (error) {
      // An unknown voice (a client's reference_id) falls back to the default one.
      if (voice !== this.voice && error instanceof TtsError && /voice/i.test(error.message)) {
        return this.run({ text: request.text, voice: this.voice, rate }, request.signal)
      }
      throw error
    }
  }

  /** The voices this espeak-ng build has (its `--voices` table), listed once. */
  voices(): Promise<EspeakVoice[]> {
    this.voiceList ??= this.run({ list: 'voices' }).then(
      (bytes) => parseVoiceTable(new TextDecoder().decode(bytes)),
      (error: unknown) => {
        this.voiceList = undefined
        throw error
      },
    )
    return this.voiceList
  }

  private async run(job: { text: string; voice: string; rate: number } | { list: 'voices' }, signal?: AbortSignal): Promise<Uint8Array> {
    this.module ??= await this.compile()
    return this.pool.run('list' in job ? job : { ...job, pitch: this.pitch }, signal)
  }

  /** Compiled once for every worker, now and after an idle stop. */
  private compile(): Promise<{ moduleUrl: string; wasm: WebAssembly.Module }> {
    this.compiled ??= (async () => {
      const { moduleUrl, wasmPath } = espeakPaths()
      try {
        return { moduleUrl, wasm: await wasmApi.compile(await readFile(wasmPath)) }
      } catch (error) {
        this.compiled = undefined
        throw new TtsError(`espeak-ng cannot load its WebAssembly: ${error instanceof Error ? error.message : String(error)}`)
      }
    })()
    return this.compiled
  }

  async close(): Promise<void> {
    await this.pool.close()
  }
}
