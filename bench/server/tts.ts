/**
 * The offline TTS figures: espeak-ng's real-time factor (synthesis time ÷ audio duration, the
 * duration read from the WAV header) for sentences of different lengths, directly on an engine
 * and through `POST /v1/tts/synthesize` with the app's REST client. The bench's engine has the
 * server's defaults, so endpoint time ÷ engine time is what the HTTP path adds.
 */
import { performance } from 'node:perf_hooks'
import { RestClient } from '../../src/main/core/rest/rest-client'
import { createTtsEngine } from '../../src/server'
import { parseWav } from '../../src/server/tts/wav'
import { median } from './stats'

export const SENTENCES = [
  { label: 'short', text: 'Hi, nice to meet you!' },
  { label: 'medium', text: 'The weather looks fine today, so we could walk down to the river later and watch the boats go by.' },
  {
    label: 'long',
    text:
      'Once upon a time, in a city that hummed all night, there lived a small desk lamp named Pim. ' +
      'Every evening Pim watched its owner write letters that were never sent. The letters piled up in a drawer, ' +
      'and the drawer grew heavy with words nobody read, until one night Pim decided to help.',
  },
] as const

const WARMUP_ROUNDS = 1
const ROUNDS = 5

export interface TtsFigure {
  label: string
  words: number
  audioSeconds: number
  /** Median over rounds. */
  engineMs: number
  endpointMs: number
}

function audioSeconds(bytes: Uint8Array): number {
  const { format, data } = parseWav(bytes)
  const frameBytes = format.channels * (format.bitsPerSample / 8)
  return data.length / frameBytes / format.sampleRate
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

export async function measureTts(restBase: string): Promise<TtsFigure[]> {
  const engine = createTtsEngine({ engine: 'espeak' })
  const rest = new RestClient({ restBase, timeoutMs: 30_000 })
  try {
    const samples = SENTENCES.map(() => ({ engine: [] as number[], endpoint: [] as number[], audioSeconds: 0 }))
    // The first round starts both espeak workers; it is not counted.
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      for (const [i, sentence] of SENTENCES.entries()) {
        const direct = await timed(() => engine.synthesize({ text: sentence.text }))
        const viaHttp = await timed(() => rest.synthesize(sentence.text))
        const seconds = audioSeconds(direct.value)
        const httpSeconds = audioSeconds(viaHttp.value.bytes)
        if (Math.abs(httpSeconds - seconds) > 0.01) {
          throw new Error(`"${sentence.label}": the endpoint's audio lasts ${httpSeconds.toFixed(2)} s, the engine's ${seconds.toFixed(2)} s`)
        }
        const slot = samples[i]
        if (!slot || round < WARMUP_ROUNDS) continue
        slot.engine.push(direct.ms)
        slot.endpoint.push(viaHttp.ms)
        slot.audioSeconds = seconds
      }
    }
    return SENTENCES.map((sentence, i) => ({
      label: sentence.label,
      words: sentence.text.split(/\s+/).length,
      audioSeconds: samples[i]?.audioSeconds ?? 0,
      engineMs: median(samples[i]?.engine ?? []),
      endpointMs: median(samples[i]?.endpoint ?? []),
    }))
  } finally {
    await engine.close()
  }
}
