/**
 * Speech out, measured in the real renderer (web host + core in headless Chromium, audio allowed
 * without a gesture) against (a) the fake agent server, whose TTS returns a known tone WAV, and
 * (b) the built-in companion with its offline espeak-ng voice. The page is opened with
 * `?diagnostics=1`, so the speech store exposes its samples (`window.__miraSpeech`); each figure
 * is also given as a ratio to a reference measured in the same run: the pipeline's own overhead
 * before the first audio vs the synthesis time, the silence between sentences vs their length,
 * Stop → silence vs one render quantum and one display frame. Printed, never asserted.
 */
import { chromium, type Browser, type Page } from 'playwright-core'
import { z } from 'zod'
import globalSetup from '../e2e/global-setup'
import { launchWeb, type MiraUnderTest } from '../e2e/support/launch'
import { FakeAgentServer, type FakeStep } from '../test/support/fake-agent-server'
import type { Bench, BenchRow } from './harness'

const TOKEN = 'bench-token'
const TURNS = 3
const STOPS = 3
const SENTENCE = (turn: number, n: number): string => `Turn ${turn}, sentence ${n}: a steady line of speech that takes a moment to say.`

const sampleSchema = z.object({
  turnId: z.string(),
  first: z.boolean(),
  receivedAt: z.number(),
  synthesisStartedAt: z.number(),
  synthesizedAt: z.number(),
  startedAt: z.number(),
  gapMs: z.number().optional(),
  durationMs: z.number().optional(),
})
const snapshotSchema = z.object({ samples: z.array(sampleSchema), stops: z.array(z.number()), renderQuantumMs: z.number(), baseMs: z.number(), outputMs: z.number() })
type Snapshot = z.output<typeof snapshotSchema>

const snapshot = async (page: Page): Promise<Snapshot> => snapshotSchema.parse(await page.evaluate('window.__miraSpeech?.snapshot()'))

/** The median interval between animation frames, over 60 frames. */
const FRAME_INTERVAL = `new Promise((resolve) => {
  const times = []
  const step = (t) => { times.push(t); if (times.length < 61) requestAnimationFrame(step); else {
    const d = times.slice(1).map((v, i) => v - times[i]).sort((a, b) => a - b); resolve(d[30]) } }
  requestAnimationFrame(step)
})`

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

/** Waits until nothing is left to say (Stop is gone again: it shows only while there is something to stop). */
const quiet = (page: Page) => page.getByRole('button', { name: 'Stop' }).waitFor({ state: 'hidden', timeout: 180_000 })

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > until) throw new Error('bench: timed out waiting for the page')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

interface Scenario {
  label: string
  /** Says something with several sentences, `turn` counting from 1. */
  speak(page: Page, turn: number): Promise<void>
  /** Says something long enough to be stopped in the middle. */
  speakLong(page: Page, turn: number): Promise<void>
}

async function measure(mira: MiraUnderTest, scenario: Scenario): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const { page } = mira
  // The bridge key moved to sessionStorage on the first load: the same tab reopens with the hook on.
  await page.goto(new URL('/?diagnostics=1', page.url()).href)
  await page.getByText('Connected', { exact: true }).waitFor({ timeout: 30_000 })
  const frameMs = Number(await page.evaluate(FRAME_INTERVAL))
  /** Speaks one answer to the end: it has begun once its first sentence is recorded. */
  const answer = async (turn: number): Promise<void> => {
    const before = (await snapshot(page)).samples.length
    await scenario.speak(page, turn)
    await waitFor(() => snapshot(page), (s) => s.samples.length > before)
    await quiet(page)
  }
  // Warm-up: the first answer pays for the AudioContext, the decoder and (built-in) the espeak worker.
  await answer(0)
  const warm = (await snapshot(page)).samples.length
  for (let turn = 1; turn <= TURNS; turn++) await answer(turn)
  for (let i = 1; i <= STOPS; i++) {
    const before = await snapshot(page)
    await scenario.speakLong(page, TURNS + i)
    // Stop while a sentence is audible: its sample is recorded when it starts.
    await waitFor(() => snapshot(page), (s) => s.samples.length > before.samples.length)
    await page.waitForTimeout(400)
    await page.getByRole('button', { name: 'Stop' }).click()
    await waitFor(() => snapshot(page), (s) => s.stops.length > before.stops.length, 5_000)
    await quiet(page)
  }
  const all = await snapshot(page)
  const spoken = all.samples.slice(warm)
  const firsts = spoken.filter((s) => s.first)
  const synthesis = median(spoken.map((s) => s.synthesizedAt - s.synthesisStartedAt))
  const overhead = median(firsts.map((s) => s.startedAt - s.receivedAt - (s.synthesizedAt - s.synthesisStartedAt)))
  const firstAudio = median(firsts.map((s) => s.startedAt - s.receivedAt))
  const gaps = spoken.filter((s) => !s.first && s.gapMs !== undefined).map((s) => s.gapMs ?? 0)
  const duration = median(spoken.flatMap((s) => (s.durationMs === undefined ? [] : [s.durationMs])))
  const stop = median(all.stops)
  const gap = median(gaps)
  const rows: BenchRow[] = [
    { label: `${scenario.label}: synthesis per sentence (reference)`, value: synthesis, unit: 'ms', ratio: 1 },
    { label: `${scenario.label}: first tts_ready_chunk → first audio`, value: firstAudio, unit: 'ms', ratio: firstAudio / synthesis },
    { label: `${scenario.label}: first audio − synthesis (overhead)`, value: overhead, unit: 'ms', ratio: overhead / synthesis },
    { label: `${scenario.label}: sentence length (reference)`, value: duration, unit: 'ms', ratio: 1 },
    { label: `${scenario.label}: silence between sentences`, value: gap, unit: 'ms', ratio: gap / duration },
    { label: `${scenario.label}: Stop → silence, vs a render quantum`, value: stop, unit: 'ms', ratio: stop / all.renderQuantumMs },
    { label: `${scenario.label}: Stop → silence, vs a frame`, value: stop, unit: 'ms', ratio: stop / frameMs },
  ]
  const notes = [
    `${scenario.label}: first audio ${firstAudio.toFixed(1)} ms after the first tts_ready_chunk (goal with the built-in voice ≤ 150 ms), ` +
      `overhead ${overhead.toFixed(1)} ms (goal ≤ 30 ms), synthesis ${synthesis.toFixed(1)} ms per sentence.`,
    `${scenario.label}: ${spoken.length} sentences in ${firsts.length} answers after a warm-up; gaps: ${gaps.map((g) => g.toFixed(1)).join(', ')} ms; ` +
      `stops: ${all.stops.map((s) => s.toFixed(1)).join(', ')} ms; render quantum ${all.renderQuantumMs.toFixed(2)} ms, frame ${frameMs.toFixed(1)} ms, ` +
      `context latency base ${all.baseMs.toFixed(1)} + output ${all.outputMs.toFixed(1)} ms (not included above).`,
  ]
  return { rows, notes }
}

const fakeScenario = (agent: FakeAgentServer): Scenario => ({
  label: 'fake TTS',
  async speak(page, turn) {
    agent.answer = () => [{ tokens: ['Four sentences.'] }, ...[1, 2, 3, 4].map((n): FakeStep => ({ tts: SENTENCE(turn, n) }))]
    await send(page, `Round ${turn}`)
  },
  async speakLong(page, turn) {
    agent.answer = () => [{ tokens: ['Long.'] }, ...[1, 2, 3].map((n): FakeStep => ({ tts: SENTENCE(turn, n) })), { hang: true }]
    await send(page, `Long ${turn}`)
  },
})

const builtinScenario: Scenario = {
  label: 'built-in espeak',
  // The offline demo's thank-you: four sentences.
  speak: (page) => send(page, 'Thanks!'),
  speakLong: (page) => send(page, 'Tell me a story'),
}

export const speechBench: Bench = {
  name: 'speech',
  description: 'speech out in the real renderer (headless Chromium): first-audio overhead, silence between sentences, Stop → silence',
  async run() {
    await globalSetup()
    let browser: Browser | undefined
    const launchBrowser = async () =>
      (browser ??= await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
      }))
    const rows: BenchRow[] = []
    const notes: string[] = []
    const agent = await FakeAgentServer.start({ token: TOKEN })
    try {
      for (const [options, scenario] of [
        [{ serverUrl: agent.url, token: TOKEN }, fakeScenario(agent)],
        [{ token: TOKEN }, builtinScenario],
      ] as const) {
        const mira = await launchWeb({ ...options, browser: launchBrowser })
        try {
          const result = await measure(mira, scenario)
          rows.push(...result.rows)
          notes.push(...result.notes)
        } finally {
          await mira.close()
        }
      }
    } finally {
      await browser?.close()
      await agent.stop()
    }
    return {
      title: `Speech out, web mode in headless Chromium; medians over ${TURNS} answers and ${STOPS} stops per voice`,
      rows,
      notes: [
        'vs baseline: the row ÷ its reference from the same run (synthesis time; sentence length; one render quantum or display frame).',
        'Times are the page’s own (performance.now and the AudioContext clock), read through the ?diagnostics=1 hook.',
        ...notes,
      ],
    }
  },
}
