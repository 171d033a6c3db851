/**
 * The companion server, run in its own process and driven by raw `ws` clients on 127.0.0.1:
 * first-token latency and complete turns per second with the demo brain (no token delay) for 1
 * and 50 clients, the offline TTS real-time factor, and the start time and memory with a long
 * history. Every figure is a ratio to a baseline of the same run: a trivial frame's round trip, the
 * 1-client throughput, the audio's own duration, the engine without HTTP, a 1-conversation history.
 */
import type { Bench, BenchRow } from './harness'
import { CLIENTS, measureChat, type ChatFigures, type Latency } from './server/chat'
import { MANY, measureHistoryStart, TURNS } from './server/history-start'
import { startServerProcess } from './server/process'
import { measureTts, type TtsFigure } from './server/tts'

/** Sub-millisecond latencies in µs, so the table keeps their digits. */
function durationRow(label: string, ms: number, baselineMs: number): BenchRow {
  const ratio = ms / baselineMs
  return ms < 1 ? { label, value: ms * 1000, unit: 'µs', ratio } : { label, value: ms, unit: 'ms', ratio }
}

function latencyRows(what: string, clients: string, latency: Latency, baseline: Latency): BenchRow[] {
  return [
    durationRow(`${what}, ${clients}, median`, latency.median, baseline.median),
    durationRow(`${what}, ${clients}, p95`, latency.p95, baseline.p95),
    durationRow(`${what}, ${clients}, p99`, latency.p99, baseline.p99),
  ]
}

function chatRows(chat: ChatFigures): BenchRow[] {
  const one = '1 client'
  const many = `${CLIENTS} clients at once`
  const { roundTrip, firstToken, turnsPerSecond } = chat
  return [
    ...latencyRows('round trip (baseline)', one, roundTrip.one, roundTrip.one),
    ...latencyRows('first token', one, firstToken.one, roundTrip.one),
    ...latencyRows('round trip (baseline)', many, roundTrip.many, roundTrip.many),
    ...latencyRows('first token', many, firstToken.many, roundTrip.many),
    { label: `turns, ${one} (baseline)`, value: turnsPerSecond.one, unit: 'turns/s', ratio: 1 },
    { label: `turns, ${CLIENTS} clients`, value: turnsPerSecond.many, unit: 'turns/s', ratio: turnsPerSecond.many / turnsPerSecond.one },
  ]
}

function ttsRows(figures: TtsFigure[]): BenchRow[] {
  return figures.flatMap((f) => [
    durationRow(`TTS engine, ${f.label}: ${f.words} words, ${f.audioSeconds.toFixed(1)} s audio (RTF)`, f.engineMs, f.audioSeconds * 1000),
    durationRow(`TTS POST /v1/tts/synthesize, ${f.label}`, f.endpointMs, f.engineMs),
  ])
}

export const serverBench: Bench = {
  name: 'server',
  description: `companion server: first-token latency and turns/s (demo brain, 1 and ${CLIENTS} clients), offline TTS real-time factor, start time and memory with 1 vs ${MANY} conversations × ${TURNS} turns`,
  async run() {
    const server = await startServerProcess()
    let chat: ChatFigures
    let tts: TtsFigure[]
    try {
      chat = await measureChat(server.url)
      tts = await measureTts(server.restBase)
    } finally {
      await server.stop()
    }
    const history = await measureHistoryStart()
    const rtf = tts.map((f) => `${f.label} ${(f.engineMs / (f.audioSeconds * 1000)).toFixed(3)}`).join(', ')
    return {
      title: `Companion server in its own process, ${CLIENTS} raw ws clients on 127.0.0.1; demo brain (tokenDelayMs 0, ${chat.framesPerTurn} frames a turn); espeak-ng in a worker`,
      rows: [...chatRows(chat), ...ttsRows(tts), ...history.rows],
      notes: [
        'vs baseline: latencies ÷ the round trip of interrupt_stream → 4004 at the same concurrency (p95 ÷ p95, p99 ÷ p99);',
        `First token: from the client's send of chat_message to its 'message' event for the first stream_token; at ${CLIENTS} clients, all send in the same tick (one burst per round), so the last one waits for the server to start the other turns (and to stream their first tokens meanwhile).`,
        `The clients share the bench's process, the server has its own: in a burst (${chat.clientBurst.wallMs.toFixed(1)} ms, median) the clients used ${chat.clientBurst.cpuMs.toFixed(1)} ms of CPU, and their longest event-loop stall (their own work, or the system not running them) was ${chat.clientStall.median.toFixed(1)} ms (median), ${chat.clientStall.max.toFixed(1)} ms at most: no more than that of a first token is the bench's own.`,
        `Goal: first token p99 < 20 ms at ${CLIENTS} clients (now ${chat.firstToken.many.p99.toFixed(1)} ms); RTF ≤ 0.05 for the ${tts[0]?.words ?? 5}-word sentence (now ${rtf.split(',')[0]}).`,
        `turns ÷ 1 client (the scaling figure); TTS engine rows: synthesis ÷ audio duration (RTF: ${rtf}); HTTP rows ÷ the engine's time.`,
        `Latency: median over rounds of each round's median / p95; p99 over every round's samples. ${CLIENTS}-client round trip = ${(chat.roundTrip.many.median / chat.roundTrip.one.median).toFixed(1)}× the 1-client one.`,
        ...history.notes,
      ],
    }
  },
}
