/**
 * The browser's own voice (`speechSynthesis`). Headless browsers and some Linux desktops have
 * the API but no voices: that is reported as unavailable rather than left to hang, and an
 * utterance that never starts fails after a timeout.
 */
import { SpeechError } from '../errors'
import type { Clip } from '../queue'
import type { SpeechEngine } from './types'

export interface WebSpeechOptions {
  /** Read at each sentence, so changes apply to the next one. */
  voice: () => { rate: number; pitch: number; volume: number; voiceName?: string }
  /** Talking motion for the avatar: this voice gives no audio to analyse. */
  onSpeaking?: (speaking: boolean) => void
  /** How long to wait for the voice list, and for an utterance to start. */
  timeoutMs?: number
}

async function voices(synth: SpeechSynthesis, timeoutMs: number): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices()
  if (now.length > 0) return now
  // Chromium fills the list asynchronously and announces it with `voiceschanged`.
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      synth.removeEventListener('voiceschanged', done)
      resolve(synth.getVoices())
    }
    const timer = setTimeout(done, timeoutMs)
    synth.addEventListener('voiceschanged', done)
  })
}

export function webSpeechEngine(options: WebSpeechOptions): SpeechEngine {
  const timeoutMs = options.timeoutMs ?? 1_500
  const synth = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis
  let clips = 0
  return {
    kind: 'web-speech',
    available: async () => (synth ? (await voices(synth, timeoutMs)).length > 0 : false),
    async prepare(text): Promise<Clip> {
      if (!synth) throw new SpeechError('noBrowserSpeech')
      const list = await voices(synth, timeoutMs)
      if (list.length === 0) throw new SpeechError('noBrowserVoices')
      let utterance: SpeechSynthesisUtterance | undefined
      let watchdog: ReturnType<typeof setTimeout> | undefined
      const finish = (): void => {
        clearTimeout(watchdog)
        options.onSpeaking?.(false)
        if (utterance) utterance.onstart = utterance.onend = utterance.onerror = null
      }
      return {
        // A sink of its own: each utterance waits for the previous one to end, so a stuck one is noticed.
        sink: `web-speech:${++clips}`,
        start: (events) => {
          const { rate, pitch, volume, voiceName } = options.voice()
          const u = new SpeechSynthesisUtterance(text)
          u.rate = rate
          u.pitch = pitch
          u.volume = volume
          const voice = list.find((v) => v.name === voiceName)
          if (voice) u.voice = voice
          u.onstart = () => {
            clearTimeout(watchdog)
            options.onSpeaking?.(true)
            events.started()
          }
          u.onend = () => {
            finish()
            events.ended()
          }
          u.onerror = (event) => {
            finish()
            events.failed(new SpeechError('browserVoiceFailed', event.error))
          }
          utterance = u
          synth.speak(u)
          watchdog = setTimeout(() => {
            finish()
            synth.cancel()
            events.failed(new SpeechError('browserVoiceSilent'))
          }, timeoutMs * 4)
        },
        cancel: () => {
          finish()
          synth.cancel()
        },
      }
    },
  }
}
