/**
 * The local voice: espeak-ng compiled to WebAssembly, in a module worker of the page, so Mira
 * speaks with no server voice and no network. Its WAV is decoded and played by the audio player
 * like the server's, so the mouth follows real audio. Speed and pitch are espeak-ng's own (the
 * player does not speed its clips up again). A worker that cannot load, crashes or stalls fails
 * the sentence with a reason (the store then falls back); nothing waits forever.
 */
import { messageOf } from '../../../../../shared/errors'
import type { AudioPlayer, ScheduledClip } from '../../../composables/audio-player'
import { SpeechError } from '../errors'
import type { EspeakFailure } from '../local/espeak-run'
import type { WorkerReply, WorkerRequest } from '../local/protocol'
import type { Clip } from '../queue'
import { AbortedError, type SpeechEngine } from './types'

export interface LocalVoiceOptions {
  /** Read at each sentence: an espeak-ng voice name, speed (1 = 175 wpm) and pitch (1 = espeak's 50). */
  voice: () => { voice: string; rate: number; pitch: number }
  createWorker?: () => Worker
  /** The first sentence also fetches and compiles ~18 MB of WebAssembly. */
  loadTimeoutMs?: number
  jobTimeoutMs?: number
  /** A quiet worker is stopped after this long, giving its memory back. */
  idleMs?: number
}

const FAILURE_KEYS: Record<EspeakFailure, 'localMissing' | 'localCorrupt' | 'localSynthesis'> = {
  missing: 'localMissing',
  corrupt: 'localCorrupt',
  synthesis: 'localSynthesis',
}

interface Pending {
  request: WorkerRequest
  resolve: (wav: Uint8Array) => void
  reject: (error: Error) => void
}

const defaultWorker = (): Worker => new Worker(new URL('../local/espeak.worker.ts', import.meta.url), { type: 'module', name: 'mira-espeak' })

/** The job's espeak-ng arguments from the voice preferences. */
export function espeakSettings(prefs: { voice: string; rate: number; pitch: number }): { voice: string; rate: number; pitch: number } {
  return { voice: prefs.voice, rate: Math.round(175 * prefs.rate), pitch: Math.round(50 * prefs.pitch) }
}

export function localEngine(player: Pick<AudioPlayer, 'decode' | 'schedule'>, options: LocalVoiceOptions): SpeechEngine {
  const { createWorker = defaultWorker, loadTimeoutMs = 30_000, jobTimeoutMs = 15_000, idleMs = 120_000 } = options
  let worker: Worker | undefined
  /** The worker has compiled the module (a later job needs no load time). */
  let loaded = false
  let nextId = 1
  /** Jobs waiting, in order: a dropped one is simply deleted and never reaches the worker. */
  const pending = new Map<number, Pending>()
  /** The job the worker has (its answer is awaited even when the sentence was dropped meanwhile). */
  let busy: { id: number; timer: ReturnType<typeof setTimeout> } | undefined
  let idleTimer: ReturnType<typeof setTimeout> | undefined

  function stopWorker(error: Error): void {
    clearTimeout(idleTimer)
    clearTimeout(busy?.timer)
    busy = undefined
    worker?.terminate()
    worker = undefined
    loaded = false
    const failed = [...pending.values()]
    pending.clear()
    for (const entry of failed) entry.reject(error)
  }

  /** Hands the oldest waiting job to the worker when it has none. */
  function next(): void {
    if (busy) return
    const [id, first] = pending.entries().next().value ?? []
    if (id === undefined || !first) {
      if (worker) idleTimer = setTimeout(() => stopWorker(new AbortedError()), idleMs)
      return
    }
    let target: Worker
    try {
      target = ensureWorker()
    } catch (error) {
      pending.delete(id)
      first.reject(error instanceof Error ? error : new SpeechError('localCrashed', messageOf(error)))
      return next()
    }
    busy = { id, timer: setTimeout(() => stopWorker(new SpeechError('localTimeout')), loaded ? jobTimeoutMs : loadTimeoutMs) }
    target.postMessage(first.request)
  }

  function onReply(reply: WorkerReply): void {
    if (busy?.id === reply.id) {
      clearTimeout(busy.timer)
      busy = undefined
    }
    const entry = pending.get(reply.id)
    pending.delete(reply.id)
    if ('wav' in reply) {
      loaded = true
      entry?.resolve(reply.wav)
    } else if (reply.failure === 'synthesis') {
      entry?.reject(new SpeechError('localSynthesis', reply.detail))
    } else {
      // The module itself is missing or broken: every later sentence would fail the same way.
      const error = new SpeechError(FAILURE_KEYS[reply.failure], reply.detail)
      entry?.reject(error)
      stopWorker(error)
    }
    next()
  }

  function ensureWorker(): Worker {
    if (worker) return worker
    let created: Worker
    try {
      created = createWorker()
    } catch (error) {
      throw new SpeechError('localCrashed', messageOf(error))
    }
    created.onmessage = (event: MessageEvent<WorkerReply>) => onReply(event.data)
    created.onerror = (event) => {
      event.preventDefault()
      if (worker === created) stopWorker(new SpeechError('localCrashed', event.message || 'the worker failed to start'))
    }
    worker = created
    return created
  }

  function synthesize(text: string, signal: AbortSignal): Promise<Uint8Array> {
    clearTimeout(idleTimer)
    const id = nextId++
    return new Promise<Uint8Array>((resolve, reject) => {
      const onAbort = (): void => {
        pending.delete(id)
        reject(new AbortedError())
      }
      pending.set(id, {
        request: { id, text, ...espeakSettings(options.voice()) },
        resolve: (wav) => (signal.removeEventListener('abort', onAbort), resolve(wav)),
        reject: (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
      })
      signal.addEventListener('abort', onAbort, { once: true })
      next()
    })
  }

  return {
    kind: 'local',
    available: async () => typeof Worker !== 'undefined' && typeof WebAssembly === 'object',
    async prepare(text, signal): Promise<Clip> {
      if (signal.aborted) throw new AbortedError()
      const wav = await synthesize(text, signal)
      const buffer = await player.decode(wav)
      if (signal.aborted) throw new AbortedError()
      let scheduled: ScheduledClip | undefined
      return {
        sink: 'audio',
        start: (events) => {
          scheduled = player.schedule(buffer, events, { rate: 1 })
        },
        cancel: () => scheduled?.cancel(),
      }
    },
  }
}
