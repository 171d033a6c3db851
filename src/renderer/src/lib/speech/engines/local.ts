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
  resolve: (wav: Uint8Array) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
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
  const pending = new Map<number, Pending>()
  let idleTimer: ReturnType<typeof setTimeout> | undefined

  function stopWorker(error: Error): void {
    clearTimeout(idleTimer)
    worker?.terminate()
    worker = undefined
    loaded = false
    for (const entry of [...pending.values()]) entry.reject(error)
  }

  function onReply(reply: WorkerReply): void {
    const entry = pending.get(reply.id)
    if ('wav' in reply) {
      loaded = true
      entry?.resolve(reply.wav)
    } else if (reply.failure === 'synthesis') {
      entry?.reject(new SpeechError('localSynthesis', reply.detail))
    } else {
      // The module itself is missing or broken: every later sentence would fail the same way.
      stopWorker(new SpeechError(FAILURE_KEYS[reply.failure], reply.detail))
    }
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
    const target = ensureWorker()
    clearTimeout(idleTimer)
    const id = nextId++
    return new Promise<Uint8Array>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(entry.timer)
        pending.delete(id)
        signal.removeEventListener('abort', onAbort)
        if (pending.size === 0 && worker) idleTimer = setTimeout(() => stopWorker(new AbortedError()), idleMs)
      }
      const onAbort = (): void => {
        settle()
        reject(new AbortedError())
      }
      const entry: Pending = {
        resolve: (wav) => (settle(), resolve(wav)),
        reject: (error) => (settle(), reject(error)),
        timer: setTimeout(() => stopWorker(new SpeechError('localTimeout')), loaded ? jobTimeoutMs : loadTimeoutMs),
      }
      pending.set(id, entry)
      signal.addEventListener('abort', onAbort, { once: true })
      const request: WorkerRequest = { id, text, ...espeakSettings(options.voice()) }
      target.postMessage(request)
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
