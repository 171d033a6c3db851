/**
 * The built-in sample the Test buttons transcribe: espeak-ng (the companion's offline voice) says a
 * short sentence, resampled to the 16 kHz mono 16-bit WAV every recogniser takes. Made once, on the
 * first test, and kept.
 */
import { EspeakEngine } from '../../../server/tts'
import { buildWav, parseWav } from '../../../server/tts/wav'

export const SAMPLE_SENTENCE = 'tell me a story about the sea'
const RATE = 16_000

let made: Promise<Uint8Array> | undefined

/** 16-bit mono PCM at any rate → 16 kHz (linear interpolation: speech for a recogniser, not music). */
export function to16k(pcm: Int16Array, rate: number): Int16Array {
  if (rate === RATE) return pcm
  const out = new Int16Array(Math.floor((pcm.length * RATE) / rate))
  for (let i = 0; i < out.length; i++) {
    const at = (i * rate) / RATE
    const left = Math.floor(at)
    const right = Math.min(left + 1, pcm.length - 1)
    out[i] = Math.round((pcm[left] ?? 0) + ((pcm[right] ?? 0) - (pcm[left] ?? 0)) * (at - left))
  }
  return out
}

async function make(): Promise<Uint8Array> {
  const engine = new EspeakEngine({ workers: 1 })
  try {
    const { format, data } = parseWav(await engine.synthesize({ text: SAMPLE_SENTENCE }))
    if (format.channels !== 1 || format.bitsPerSample !== 16) throw new Error('espeak-ng gave audio in an unexpected format')
    const pcm = new Int16Array(data.slice().buffer)
    const padded = new Int16Array(RATE / 2)
    const speech = to16k(pcm, format.sampleRate)
    // Half a second of silence either side, as a recording would have.
    const all = new Int16Array(padded.length * 2 + speech.length)
    all.set(speech, padded.length)
    return buildWav({ audioFormat: 1, channels: 1, sampleRate: RATE, bitsPerSample: 16 }, new Uint8Array(all.buffer))
  } finally {
    await engine.close()
  }
}

export function sampleWav(): Promise<Uint8Array> {
  made ??= make().catch((error: unknown) => {
    made = undefined
    throw error
  })
  return made
}
