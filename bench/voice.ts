/**
 * `npm run bench -- voice`: the voice round trip after the user stops speaking, stage by stage, with
 * the real core and the built-in companion: the page's encoding of the utterance (WAV + base64, the
 * renderer's own code), transcription through the host (core → companion `/v1/stt/transcribe` →
 * PocketSphinx with a grammar), then the transcript sent as the message until the first token, the
 * companion's brain answering from a fake OpenAI-compatible upstream. Each stage is also given as a
 * ratio to a reference from the same run (PocketSphinx run directly; the upstream's own first chunk;
 * the utterance's length). Then the detector's CPU share while listening (voice-vad.ts).
 * Printed, never asserted.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMiraCore, type MiraCore } from '../src/main/core/host/mira-core'
import { dispatchCommand } from '../src/main/core/host/dispatch'
import { checkWav } from '../src/server/stt/types'
import { pocketsphinxEngine, startCompanionServer } from '../src/server'
import { encodeWav, toBase64 } from '../src/renderer/src/lib/listen/wav'
import type { HostEvent } from '../src/shared/host'
import { FakeOpenAiServer } from '../test/support/fake-openai-server'
import { missingSpeechTools, speechWav, TEST_SENTENCES, writeGrammar } from '../test/support/speech-audio'
import type { Bench, BenchRow } from './harness'
import { measureVadCpu } from './voice-vad'

const ROUNDS = 2
const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** The PCM of a 16-bit WAV as the page holds it before encoding: floats in -1..1. */
function floats(wav: Uint8Array): Float32Array {
  const { dataBytes } = checkWav(wav)
  const pcm = new Int16Array(wav.slice(wav.length - dataBytes).buffer)
  return Float32Array.from(pcm, (v) => v / 0x8000)
}

async function call(core: MiraCore, name: string, request?: unknown): Promise<unknown> {
  const result = await dispatchCommand(core.handlers, name, request)
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.response
}

/** Resolves on the first event `match` accepts from now on. */
function nextEvent(core: MiraCore, match: (event: HostEvent) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = core.onEvents((events) => {
      if (events.some(match)) {
        off()
        resolve()
      }
    })
  })
}

/** Time to the first streamed chunk asked of the upstream directly. */
async function upstreamFirstChunk(baseUrl: string): Promise<number> {
  const start = process.hrtime.bigint()
  const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'fake', stream: true, messages: [{ role: 'user', content: 'hi' }] }) })
  const reader = response.body?.getReader()
  await reader?.read()
  const elapsed = ms(start)
  await reader?.cancel()
  return elapsed
}

async function roundTrip(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'mira-bench-voice-'))
  const upstream = await FakeOpenAiServer.start()
  const sphinx = pocketsphinxEngine({ grammar: writeGrammar(dir) })
  const core = await createMiraCore({ dataDir: dir, transport: 'web', log: () => undefined, startCompanion: (options) => startCompanionServer({ ...options, stt: sphinx }) })
  const samples = { audio: [] as number[], encode: [] as number[], sphinx: [] as number[], transcribe: [] as number[], firstToken: [] as number[], upstream: [] as number[], total: [] as number[] }
  try {
    await call(core, 'updateSettings', { companion: { llmBaseUrl: upstream.baseUrl, llmModel: 'fake' } })
    const utterances = TEST_SENTENCES.map((text) => ({ text, audio: floats(speechWav(text, { padStartS: 0.2, padEndS: 0.2 })) }))
    // Warm-up: the companion's first turn and the first PocketSphinx run pay for loading.
    for (const round of [0, ...Array.from({ length: ROUNDS }, (_, i) => i + 1)]) {
      for (const { text, audio } of utterances) {
        // The reference right before the stage it is compared with, so both meet the same load.
        let at = process.hrtime.bigint()
        await sphinx.transcribe(encodeWav(audio))
        const direct = ms(at)
        const endOfSpeech = process.hrtime.bigint()
        at = process.hrtime.bigint()
        const audioBase64 = toBase64(encodeWav(audio))
        const encode = ms(at)
        at = process.hrtime.bigint()
        const heard = (await call(core, 'transcribe', { audioBase64 })) as { text: string }
        const transcribe = ms(at)
        if (heard.text !== text) throw new Error(`bench: heard “${heard.text}” for “${text}”`)
        at = process.hrtime.bigint()
        const firstToken = nextEvent(core, (e) => e.type === 'turn-token')
        const ended = nextEvent(core, (e) => e.type === 'turn-end')
        await call(core, 'sendMessage', { text: heard.text })
        await firstToken
        const toToken = ms(at)
        const total = ms(endOfSpeech)
        await ended
        const upstreamMs = await upstreamFirstChunk(upstream.baseUrl)
        if (round === 0) continue
        samples.audio.push((audio.length / 16_000) * 1000)
        samples.encode.push(encode)
        samples.transcribe.push(transcribe)
        samples.sphinx.push(direct)
        samples.firstToken.push(toToken)
        samples.upstream.push(upstreamMs)
        samples.total.push(total)
      }
    }
  } finally {
    await core.close()
    await upstream.close()
    await rm(dir, { recursive: true, force: true })
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>
  const rows: BenchRow[] = [
    { label: 'utterance length (reference)', value: m.audio, unit: 'ms', ratio: 1 },
    { label: 'PocketSphinx alone (reference)', value: m.sphinx, unit: 'ms', ratio: 1 },
    { label: 'stage 1, page: utterance → WAV + base64, vs PocketSphinx', value: m.encode, unit: 'ms', ratio: m.encode / m.sphinx },
    { label: 'stage 2, host: transcribe (core → companion → PocketSphinx), vs PocketSphinx', value: m.transcribe, unit: 'ms', ratio: m.transcribe / m.sphinx },
    { label: 'upstream first chunk, asked directly (reference)', value: m.upstream, unit: 'ms', ratio: 1 },
    { label: 'stage 3, transcript sent → first token, vs upstream directly', value: m.firstToken, unit: 'ms', ratio: m.firstToken / m.upstream },
    { label: 'end of speech → first token, vs utterance length', value: m.total, unit: 'ms', ratio: m.total / m.audio },
  ]
  const notes = [
    `${samples.total.length} utterances (${TEST_SENTENCES.length} sentences × ${ROUNDS} rounds after a warm-up round), espeak-ng speech recognised exactly.`,
    `stage 2 − PocketSphinx alone = ${(m.transcribe - m.sphinx).toFixed(1)} ms (the host command, HTTP to the companion; within the noise of a loaded machine when near 0 or below).`,
    'Not included: the detector’s end-of-speech delay (Settings → Listening, 700 ms by default) before the page has the utterance, and the bridge hop page → host.',
  ]
  return { rows, notes }
}

export const voiceBench: Bench = {
  name: 'voice',
  description: 'voice round trip (end of speech → transcript → first token) by stage with PocketSphinx and a fake upstream; the speech detector’s CPU share while listening',
  async run() {
    const missing = missingSpeechTools()
    if (missing) return { title: 'Voice round trip: not measured', rows: [], notes: [`skipped: ${missing}`] }
    const trip = await roundTrip()
    const vad = await measureVadCpu()
    return {
      title: 'Voice: end of speech → first token by stage (medians), and the detector’s CPU while listening',
      rows: [...trip.rows, ...vad.rows],
      notes: ['vs baseline: the row ÷ its reference from the same run.', ...trip.notes, ...vad.notes],
    }
  },
}
