/**
 * The speech store: the current turn's sentences (`turn-speech` events) spoken in order through
 * the chosen engine, the sentence playing now (captions and the avatar's expression follow it),
 * latency samples per sentence, Stop-to-silence times, "Test voice", and the voice preferences.
 * A failing engine falls back (server voice → local voice → browser voice → text only, as far as
 * the choice allows) with a note; the queue itself lives in lib/speech/queue.ts, the statistics in
 * lib/speech/stats.ts, the wording of notes in lib/speech/notes.ts.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { messageOf } from '../../../shared/errors'
import type { HostEventOf } from '../../../shared/host'
import { useAudioPlayer } from '../composables/audio-player'
import { useLipSync } from '../composables/lip-sync'
import { useHost } from '../host/inject'
import { localEngine } from '../lib/speech/engines/local'
import { serverEngine } from '../lib/speech/engines/server'
import type { EngineKind, SpeechEngine } from '../lib/speech/engines/types'
import { webSpeechEngine } from '../lib/speech/engines/web-speech'
import { reasonOf, type Reason } from '../lib/speech/errors'
import { useSpeechI18n } from '../lib/speech/i18n'
import { fallbackNote, noVoiceNote, skippedNote } from '../lib/speech/notes'
import { engineChain, loadPrefs, localVoiceFor, savePrefs, type SpeechPrefs } from '../lib/speech/prefs'
import { exposeDiagnostics } from '../lib/speech/diagnostics-hook'
import { SpeechQueue, type Clip, type SpeechItem } from '../lib/speech/queue'
import type { LatencySample } from '../lib/speech/stats'
import { playSample, type VoiceTestState } from '../lib/speech/voice-test'
import { RecentSet } from '../lib/recent-set'
import { useConnectionStore } from './connection'

export interface PlayingChunk {
  id: number
  turnId: string
  text: string
  emotion?: string
}

export type { LatencySample }

const MAX_SAMPLES = 100
/** Failures in a row after which an engine that once worked is given up. */
const FAILURES_BEFORE_FALLBACK = 2

/** A synthesis failure, tagged with the engine that failed. */
class EngineFailure extends Error {
  readonly reason: Reason
  constructor(
    readonly engine: EngineKind,
    cause: unknown,
  ) {
    super(messageOf(cause))
    this.reason = reasonOf(cause)
  }
}

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage)

export const useSpeechStore = defineStore('speech', () => {
  const host = useHost()
  const connection = useConnectionStore()
  const player = useAudioPlayer()
  const lipSync = useLipSync()
  const { t, locale } = useSpeechI18n()

  const prefs = ref<SpeechPrefs>(loadPrefs(storage()))
  const playing = shallowRef<PlayingChunk>()
  /** Sentences waiting or playing. */
  const pending = ref(0)
  const samples = shallowRef<LatencySample[]>([])
  /** Stop pressed → the audio graph silent (ms), for stops that cut audible speech. */
  const stops = shallowRef<number[]>([])
  const voiceTest = ref<VoiceTestState>({ state: 'idle' })
  /** The voice in use after any fallback; `text` when none can speak. */
  const engine = ref<EngineKind | 'text'>()

  const engines: Record<EngineKind, SpeechEngine> = {
    server: serverEngine(host.api, player, () => connection.link?.protocol === undefined),
    local: localEngine(player, {
      voice: () => ({ voice: localVoiceFor(prefs.value.localVoice, locale()), rate: prefs.value.rate, pitch: prefs.value.pitch }),
    }),
    'web-speech': webSpeechEngine({
      voice: () => ({ rate: prefs.value.rate, pitch: prefs.value.pitch, volume: prefs.value.muted ? 0 : prefs.value.volume, voiceName: prefs.value.voiceName }),
      onSpeaking: (on) => lipSync.setSynthetic(on),
    }),
  }
  let chain: EngineKind[] = []
  let chosen: Promise<SpeechEngine | undefined> = Promise.resolve(undefined)
  let succeeded = false
  let failuresInRow = 0
  /** Turns already told about a skipped sentence: one note per answer is enough. */
  const notedTurns = new RecentSet<string>(16)

  /** The first engine left in the chain that can speak here; `failed` is the one just given up. */
  async function pick(failed?: { kind: EngineKind; reason: Reason }): Promise<SpeechEngine | undefined> {
    for (const kind of [...chain]) {
      const candidate = engines[kind]
      if (!(await candidate.available())) continue
      chain = chain.slice(chain.indexOf(kind))
      engine.value = kind
      if (failed) connection.notify('warning', fallbackNote(t, failed.kind, failed.reason, kind))
      return candidate
    }
    chain = []
    engine.value = 'text'
    if (prefs.value.engine !== 'off') {
      connection.notify('warning', noVoiceNote(t, failed?.reason))
    }
    return undefined
  }

  function reset(): void {
    chain = engineChain(prefs.value.engine)
    succeeded = false
    failuresInRow = 0
    chosen = pick()
  }

  /**
   * True when the engine that failed is (now) given up: the sentence then goes to the next one
   * instead of being lost. A working engine is given up after failures in a row; one that never
   * worked, at once.
   */
  function givenUp(failure: EngineFailure): boolean {
    // Another sentence in flight already gave it up (and said so).
    if (failure.engine !== chain[0]) return true
    failuresInRow++
    if (succeeded && failuresInRow < FAILURES_BEFORE_FALLBACK) return false
    chain = chain.slice(1)
    succeeded = false
    failuresInRow = 0
    chosen = pick({ kind: failure.engine, reason: failure.reason })
    return true
  }

  const queue = new SpeechQueue({
    async synthesize(text, signal) {
      for (;;) {
        const speaker = await chosen
        if (!speaker) throw new EngineFailure('server', 'no voice')
        try {
          const clip = await speaker.prepare(text, signal)
          succeeded = true
          failuresInRow = 0
          return clip
        } catch (error) {
          const failure = new EngineFailure(speaker.kind, error)
          if (signal.aborted || !givenUp(failure)) throw failure
        }
      }
    },
    listener: {
      started(item) {
        playing.value = { id: item.id, turnId: item.turnId, text: item.text, ...(item.emotion ? { emotion: item.emotion } : {}) }
        record(item)
        lipSync.wake()
        sync()
      },
      ended(item) {
        if (playing.value?.id === item.id) playing.value = undefined
        sync()
      },
      failed(item, error) {
        if (playing.value?.id === item.id) playing.value = undefined
        onFailure(item, error)
        sync()
      },
      idle() {
        playing.value = undefined
        sync()
      },
    },
  })

  function sync(): void {
    pending.value = queue.items.length
  }

  let lastRecordedTurn: string | undefined

  function record(item: SpeechItem): void {
    if (engine.value === 'text' || engine.value === undefined) return
    const first = item.turnId !== lastRecordedTurn
    lastRecordedTurn = item.turnId
    const { gapMs, durationMs } = item.timing ?? {}
    const sample: LatencySample = {
      id: item.id,
      turnId: item.turnId,
      engine: engine.value,
      first,
      receivedAt: item.receivedAt,
      synthesisStartedAt: item.synthesisStartedAt ?? item.receivedAt,
      synthesizedAt: item.synthesizedAt ?? item.receivedAt,
      startedAt: item.startedAt ?? item.receivedAt,
      ...(gapMs === undefined || first ? {} : { gapMs }),
      ...(durationMs === undefined ? {} : { durationMs }),
    }
    samples.value = [...samples.value, sample].slice(-MAX_SAMPLES)
  }

  /** A sentence skipped by an engine that is kept (it worked before): one note per answer. */
  function onFailure(item: SpeechItem, error: unknown): void {
    if (!(error instanceof EngineFailure) || engine.value === 'text' || notedTurns.has(item.turnId)) return
    notedTurns.add(item.turnId)
    connection.notify('warning', skippedNote(t, error.reason))
  }

  /** A `turn-speech` event: queue the sentence (ignored for stopped turns and when text only). */
  function enqueue(event: HostEventOf<'turn-speech'>): void {
    if (engine.value === 'text') return
    queue.push(event.turnId, event.chunk, event.emotion)
    sync()
  }

  /** Stop (the button, Esc): silent at once, and the rest of this answer is not spoken. */
  function stop(): void {
    const audible = player.active
    const stoppedAt = performance.now()
    queue.stop()
    stopTest()
    player.stop()
    playing.value = undefined
    sync()
    if (audible) void player.untilSilent().then((at) => at !== undefined && (stops.value = [...stops.value, at - stoppedAt].slice(-MAX_SAMPLES)))
  }

  let testRun: { abort: AbortController; clip?: Clip } | undefined

  function stopTest(): void {
    testRun?.abort.abort()
    testRun?.clip?.cancel()
    testRun = undefined
    if (voiceTest.value.state !== 'failed') voiceTest.value = { state: 'idle' }
  }

  /** "Test voice" (a user gesture): a short sample through the chosen voice; failures are reported in `voiceTest`. */
  async function testVoice(): Promise<void> {
    stop()
    player.resume()
    const run: { abort: AbortController; clip?: Clip } = { abort: new AbortController() }
    testRun = run
    voiceTest.value = { state: 'preparing' }
    const result = await playSample(
      engineChain(prefs.value.engine).map((kind) => engines[kind]),
      {
        started: (kind) => {
          if (testRun !== run) return
          voiceTest.value = { state: 'speaking', engine: kind }
          lipSync.wake()
        },
        ended: (kind) => {
          if (testRun === run) voiceTest.value = { state: 'done', engine: kind }
        },
      },
      run.abort.signal,
    )
    if (testRun !== run) return result.ok ? result.clip.cancel() : undefined
    if (result.ok) run.clip = result.clip
    else voiceTest.value = { state: 'failed', failures: result.failures }
  }

  /** The turn was interrupted or cut off: its sentences are dropped. */
  function dropTurn(turnId: string): void {
    queue.dropTurn(turnId)
    sync()
  }

  /** The user sends a message: the old answer stops talking, and (a user gesture) audio may start. */
  function beforeUserMessage(): void {
    stop()
    player.resume()
  }

  const speaking = computed(() => playing.value !== undefined || pending.value > 0)

  watch(
    prefs,
    (next) => {
      savePrefs(storage(), next)
      player.setVolume(next.muted ? 0 : next.volume)
      player.setRate(next.rate)
    },
    { deep: true, immediate: true },
  )
  // The server's protocol is known only once its link reports: a server without a voice is not tried.
  watch([() => prefs.value.engine, () => connection.link?.protocol], reset, { immediate: true, flush: 'sync' })
  // A new choice of voice deserves a fresh test.
  watch(
    () => prefs.value.engine,
    () => {
      stopTest()
      voiceTest.value = { state: 'idle' }
    },
  )

  exposeDiagnostics(() => ({ samples: samples.value, stops: stops.value, renderQuantumMs: player.renderQuantumMs, ...player.latency }))

  // The lip-sync signal is not returned: the store would wrap it in reactivity. Adapters use useLipSync().
  return { prefs, playing, pending, samples, stops, engine, speaking, voiceTest, enqueue, stop, dropTurn, beforeUserMessage, testVoice }
})
