/**
 * The listen store: the microphone and what is done with what it hears. Hands-free (the mic button
 * toggles it): the detector hears an utterance start and end, it is transcribed by the host's
 * provider and sent as the message. Push-to-talk (a held key or a held button): everything between
 * press and release is sent, when speech was heard in it. Barge-in: while Mira speaks, a stricter
 * detector decides, and the user's voice stops her at once and interrupts the turn; what it said
 * is then sent like any utterance. Her own voice alone never gets through: an utterance that began
 * while she spoke is dropped unless it barged in. The microphone is on only while listening.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { messageOf } from '../../../shared/errors'
import { resumeAudio } from '../composables/audio/audio-owner'
import { MicError, useMicrophone } from '../composables/audio/microphone'
import type { DetectorOptions, VoiceDetector } from '../composables/audio/voice-detector'
import { useHost } from '../host/inject'
import { hostErrorText } from '../lib/host-text'
import { withTimeline, type DetectorTimeline } from '../lib/listen/detector-timeline'
import { bargeInThresholds, loadListenPrefs, saveListenPrefs } from '../lib/listen/prefs'
import { concatFrames, encodeWav, STT_SAMPLE_RATE, toBase64 } from '../lib/listen/wav'
import { key, type LocalText } from '../lib/local-text'
import { useChatStore } from './chat'
import { useSpeechStore } from './speech'

export type ListenStatus = 'off' | 'loading' | 'listening' | 'hearing' | 'transcribing'

/** A push-to-talk shorter than this is a slip of the finger, not speech. */
const MIN_PUSH_S = 0.25
const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage)

export const useListenStore = defineStore('listen', () => {
  const host = useHost()
  const chat = useChatStore()
  const speech = useSpeechStore()
  const mic = useMicrophone()

  const prefs = ref(loadListenPrefs(storage()))
  watch(prefs, (value) => saveListenPrefs(storage(), value), { deep: true })

  const handsFree = ref(false)
  /** Push-to-talk held (key or button). */
  const holding = ref(false)
  const micOn = ref(mic.open.value)
  mic.open.subscribe((on) => (micOn.value = on))
  const loading = ref(false)
  /** The detector's model and runtime, 0..1. */
  const loadProgress = ref(0)
  const hearing = ref(false)
  const transcribing = ref(0)
  /** Why listening stopped or a transcript failed, until the next try. */
  const problem = ref<LocalText>()
  /** Last recognised text, shown briefly by the mic button. */
  const heard = ref('')
  /** Times the user's voice interrupted Mira (diagnostics and tests). */
  const bargeIns = ref(0)

  const status = computed<ListenStatus>(() => {
    if (loading.value) return 'loading'
    if (transcribing.value > 0) return 'transcribing'
    if (!micOn.value) return 'off'
    return hearing.value ? 'hearing' : 'listening'
  })

  let pushFrames: Float32Array[] = []
  let pushHeard = false
  /** The current utterance began while Mira spoke, and whether it has barged in. */
  let overSpeech = false
  let bargedIn = false
  /** Bumped by every stop: a start that finishes after a later stop closes again. */
  let generation = 0

  const options = (): DetectorOptions => {
    const p = prefs.value
    const strict = speech.speaking && handsFree.value ? bargeInThresholds(p) : undefined
    return { startThreshold: strict?.startThreshold ?? p.startThreshold, endThreshold: strict?.endThreshold ?? p.endThreshold, endDelayMs: p.endDelayMs, minSpeechMs: strict?.minSpeechMs ?? p.minSpeechMs }
  }

  let detector: Promise<VoiceDetector> | undefined
  /** The detector's audio timeline, with `?diagnostics=1` only (the VAD timing tests read it). */
  let timeline: DetectorTimeline | undefined
  function useDetector(): Promise<VoiceDetector> {
    // Loaded on first use: onnxruntime's code stays out of the app's first load.
    detector ??= import('../composables/audio/voice-detector').then(({ VoiceDetector }) => {
      const recorded = withTimeline({
        speechStart: () => {
          hearing.value = true
          overSpeech = speech.speaking
          bargedIn = false
        },
        speechConfirmed: () => {
          if (holding.value) pushHeard = true
          else if (overSpeech && speech.speaking && prefs.value.bargeIn) bargeIn()
        },
        misfire: () => (hearing.value = false),
        speechEnd: (audio) => {
          hearing.value = false
          if (holding.value) return
          // Her own voice leaking past echo cancellation, or speech while barge-in is off.
          if (overSpeech && !bargedIn) return
          void deliver(audio)
        },
        frame: (samples, probability) => {
          if (!holding.value) return
          pushFrames.push(samples.slice())
          if (probability >= prefs.value.startThreshold) pushHeard = true
        },
      })
      timeline = recorded.timeline
      const made = new VoiceDetector(recorded.events)
      made.progress.subscribe((p) => (loadProgress.value = p))
      return made
    })
    detector.catch(() => (detector = undefined))
    return detector
  }

  watch(
    () => speech.speaking,
    () => void detector?.then((d) => d.setOptions(options())),
  )
  watch(prefs, () => void detector?.then((d) => d.setOptions(options())), { deep: true })

  mic.onLost = (reason) => {
    handsFree.value = false
    holding.value = false
    hearing.value = false
    void detector?.then((d) => d.stop())
    problem.value = key(`listen.problems.${reason}`)
  }

  function bargeIn(): void {
    bargedIn = true
    bargeIns.value += 1
    timeline?.event('bargeIn')
    speech.stop()
    void chat.interrupt()
  }

  /** Loads the detector ahead of first use (the settings section and the first click call it). */
  async function prepare(): Promise<boolean> {
    try {
      await (await useDetector()).load(options())
      return true
    } catch (error) {
      problem.value = key('listen.problems.detector', { error: messageOf(error) })
      return false
    }
  }

  /** One opening at a time: a press and the click it turns into share it. */
  let opening: Promise<boolean> | undefined
  function open(): Promise<boolean> {
    if (micOn.value) return Promise.resolve(true)
    opening ??= openMic().finally(() => (opening = undefined))
    return opening
  }

  async function openMic(): Promise<boolean> {
    const mine = ++generation
    problem.value = undefined
    loading.value = true
    try {
      if (!(await prepare())) return false
      const stream = await mic.start(prefs.value.deviceId)
      if (mine !== generation) {
        mic.stop()
        return false
      }
      await (await useDetector()).start(stream, options())
      timeline?.started()
      return true
    } catch (error) {
      mic.stop()
      problem.value = error instanceof MicError ? key(`listen.problems.${error.problem}`) : key('listen.problems.detector', { error: messageOf(error) })
      return false
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function close(): Promise<void> {
    generation++
    loading.value = false
    hearing.value = false
    await detector?.then((d) => d.stop()).catch(() => undefined)
    mic.stop()
  }

  /** Everything off: hands-free, a held push-to-talk (dropped), the microphone. */
  async function stop(): Promise<void> {
    handsFree.value = false
    holding.value = false
    pushFrames = []
    await close()
  }

  async function deliver(audio: Float32Array): Promise<void> {
    transcribing.value++
    try {
      const { text } = await host.api.transcribe({ audioBase64: toBase64(encodeWav(audio, STT_SAMPLE_RATE)) })
      if (!text.trim()) {
        problem.value = key('listen.nothingRecognised')
        return
      }
      problem.value = undefined
      heard.value = text
      speech.beforeUserMessage()
      await chat.send(text)
    } catch (error) {
      problem.value = hostErrorText(error)
    } finally {
      transcribing.value--
    }
  }

  /** The mic button: hands-free listening on or off. */
  async function toggleHandsFree(): Promise<void> {
    resumeAudio()
    if (handsFree.value) {
      handsFree.value = false
      if (!holding.value) await close()
      return
    }
    handsFree.value = true
    if (!(await open())) handsFree.value = false
  }

  /** Push-to-talk pressed: listen, keeping every frame until release. */
  async function holdStart(): Promise<void> {
    resumeAudio()
    holding.value = true
    pushFrames = []
    pushHeard = false
    if (!(await open()) && holding.value) holding.value = false
  }

  /** It is push-to-talk (not a click): Mira stops talking, her turn ends. */
  function holdConfirmed(): void {
    if (!holding.value) return
    speech.stop()
    void chat.interrupt()
  }

  /** The press was a click: nothing is sent, hands-free goes on or off (the microphone the press opened stays when on). */
  async function click(): Promise<void> {
    holding.value = false
    pushFrames = []
    await toggleHandsFree()
  }

  /** Released: `send` what was said (a click on the button sends nothing). */
  async function holdEnd(send: boolean): Promise<void> {
    if (!holding.value) return
    holding.value = false
    const audio = concatFrames(pushFrames)
    const spoke = pushHeard
    pushFrames = []
    if (!handsFree.value) await close()
    if (!send) return
    if (!spoke || audio.length < MIN_PUSH_S * STT_SAMPLE_RATE) {
      problem.value = key('listen.notHeard')
      return
    }
    await deliver(audio)
  }

  return { prefs, handsFree, holding, micOn, status, loadProgress, problem, heard, bargeIns, prepare, toggleHandsFree, holdStart, holdConfirmed, holdEnd, click, stop }
})
