/**
 * The voice detector's timing, measured: a file the test made (espeak-ng sentences with known
 * silences, pure silence, or noise) plays into the app's real detector (Silero VAD in
 * onnxruntime-web, hands-free listening). The speech plays in the app's own audio graph
 * (`fileMicrophone`): Chromium's fake capture device runs in real time in another process, and on a
 * starved machine it left gaps that split a sentence. Silence and noise, which a gap cannot spoil,
 * come through that device, the path a real microphone takes. Where the speech is comes from sox, on the
 * very audio the detector read (kept by the `?diagnostics=1` timeline, checked against the file);
 * when each event fired comes from the same timeline, counted in samples. Nothing here reads a
 * clock, so a loaded machine only makes the test take longer.
 *   - speech starts are reported within ±250 ms of sox's start;
 *   - ends within the end delay ± 300 ms after sox's end (the default 700 ms and a longer one
 *     chosen in the listening preferences); a pause shorter than the end delay does not split;
 *   - silence and noise give no event at all (one file: a stretch of each, measured in one pass).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import type { TimelineEvent, TimelineSnapshot } from '../src/renderer/src/lib/listen/detector-timeline'
import { missingSpeechTools } from '../test/support/speech-audio'
import { durationS, mergeSpans, soundSpans, writeSilenceOrNoise, writeSpokenLayout, type Span } from '../test/support/speech-spans'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import { expect, test, TOKEN } from './fixtures'
import { launchWeb, type MiraUnderTest } from './support/launch'
import { fakeMicLaunchOptions } from './support/chromium'
import { fileMicrophoneOf } from './support/listen'
import { FILE_MIC_OPENED } from './support/page-scripts'

// This spec starts its own web host and browser, so under the electron project it would only run twice.
test.skip(({ target }) => target !== 'web', 'The fake microphone and the detector timeline are set up in web mode; the web project covers them')

/** The default end-of-speech delay (Settings → Listening), and a longer one chosen there. */
const END_DELAYS_MS = [700, 1500] as const
const RATE = 48_000
const missing = missingSpeechTools()
const dir = join(tmpdir(), `mira-vad-timing-${process.pid}`)
mkdirSync(dir, { recursive: true })
const files = { speech: join(dir, 'speech.wav'), silence: join(dir, 'silence.wav'), quiet: join(dir, 'silence-then-noise.wav') }
/** The silence-then-noise file: this long a stretch of each. */
const QUIET_S = 6
if (!missing) {
  // A 0.3 s pause inside the first utterance; 2 s and 3 s between utterances. About 11 s, looped by Chromium.
  writeSpokenLayout(
    files.speech,
    [{ silenceS: 1 }, { say: 'tell me a story about the sea' }, { silenceS: 0.3 }, { say: 'please turn on the light' }, { silenceS: 2 }, { say: 'what is the weather like today' }, { silenceS: 3 }],
    RATE,
  )
  writeSilenceOrNoise(files.silence, 6, RATE)
  writeSpokenLayout(files.quiet, [{ silenceS: QUIET_S }, { noiseS: QUIET_S, volume: 0.3 }], RATE)
}

/** Mira in web mode, in a Chromium of its own whose microphone plays `file`: through its fake capture device, or in the app's audio graph. */
async function withMic(file: string, agent: FakeAgentServer, run: (mira: MiraUnderTest) => Promise<void>, through: 'device' | 'graph' = 'device'): Promise<void> {
  const browser = await chromium.launch(fakeMicLaunchOptions(file))
  const pageScripts = through === 'graph' ? [fileMicrophoneOf(file)] : []
  const mira = await launchWeb({ serverUrl: agent.url, token: TOKEN, browser: async () => browser, pageScripts })
  try {
    await run(mira)
    if (through === 'graph') expect(await mira.page.evaluate(FILE_MIC_OPENED)).toBeGreaterThan(0)
    // Uncaught page errors and CSP violations fail the test too.
    expect(mira.problems).toEqual([])
  } finally {
    await mira.close()
    await browser.close()
  }
}

test.skip(missing !== undefined, `VAD timing needs ${missing}`)

const snapshot = (page: Page): Promise<TimelineSnapshot> => page.evaluate('window.__miraListen.snapshot()') as Promise<TimelineSnapshot>
const heardS = async (page: Page): Promise<number> => (await page.evaluate('window.__miraListen?.summary().samples ?? 0')) as number / 16_000

/** Opens the app with the diagnostics timeline and turns hands-free listening on (with `endDelayMs` chosen first, as Settings keeps it). */
async function startListening(page: Page, endDelayMs?: number): Promise<void> {
  if (endDelayMs !== undefined) await page.evaluate(`localStorage.setItem('mira.listen', JSON.stringify({ endDelayMs: ${endDelayMs} }))`)
  await page.goto(new URL('/?diagnostics=1', page.url()).href)
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('button', { name: 'Talk to Mira (hands-free)' }).click()
  await expect(page.getByRole('button', { name: 'Stop listening' })).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 })
}

/** Waits until the detector has read `seconds` of audio in all: audio time, not wall time, however slow the machine. */
async function heardAtLeast(page: Page, seconds: number): Promise<TimelineSnapshot> {
  await expect.poll(() => heardS(page), { timeout: 30_000 + seconds * 4_000, intervals: [500] }).toBeGreaterThanOrEqual(seconds)
  return snapshot(page)
}

async function listenFor(page: Page, seconds: number, endDelayMs?: number): Promise<TimelineSnapshot> {
  await startListening(page, endDelayMs)
  return heardAtLeast(page, seconds)
}

/** The detector's audio as a WAV file, and its span of sound as sox measures it (timeline seconds). */
function heardAudio(timeline: TimelineSnapshot, name: string): { file: string; spans: Span[] } {
  const file = join(dir, name)
  writeFileSync(file, Buffer.from(timeline.audioWavBase64, 'base64'))
  const from = timeline.audioFrom / timeline.sampleRate
  return { file, spans: soundSpans(file).map((s) => ({ start: s.start + from, end: s.end + from })) }
}

const at = (event: TimelineEvent): number => event.atSample / 16_000
const show = (events: TimelineEvent[]): string => events.map((e) => `${e.kind}@${at(e).toFixed(2)}`).join(', ')

for (const endDelayMs of END_DELAYS_MS) {
  test(`speech with known pauses, end delay ${endDelayMs} ms: starts within ±250 ms, ends the end delay ± 300 ms after it, a short pause does not split`, async ({ agent }, testInfo) => {
    test.setTimeout(240_000)
    const END_DELAY_S = endDelayMs / 1000
    await withMic(files.speech, agent, async (mira) => {
      const loopS = durationS(files.speech)
      const fileSpans = soundSpans(files.speech)
      // What sox finds in the file: the three sentences, the first two 0.3 s apart.
      expect(fileSpans).toHaveLength(3)
      const timeline = await listenFor(mira.page, 2.5 * loopS, endDelayMs === 700 ? undefined : endDelayMs)
      expect(timeline.starts).toHaveLength(1)
      const heard = heardAudio(timeline, 'heard-speech.wav')

      // The detector read the file: every whole span of sound in what it read is one of the file's sentences.
      const end = timeline.samples / 16_000
      const whole = heard.spans.filter((s) => s.start > timeline.starts[0]! / 16_000 + 0.1 && s.end < end - 0.3)
      expect(whole.length).toBeGreaterThanOrEqual(4)
      for (const span of whole) {
        const length = span.end - span.start
        expect(fileSpans.some((f) => Math.abs(f.end - f.start - length) < 0.12), `a heard span of ${length.toFixed(2)} s is one of the file's`).toBe(true)
      }

      // One utterance per group of spans closer than the end delay; judged where the whole utterance and its end delay were heard.
      const utterances = mergeSpans(heard.spans, END_DELAY_S).filter((u) => u.start > timeline.starts[0]! / 16_000 + 0.3 && u.end + END_DELAY_S + 0.3 < end)
      expect(utterances.length).toBeGreaterThanOrEqual(3)
      const windowStart = utterances[0]!.start - 0.3
      const windowEnd = utterances.at(-1)!.end + END_DELAY_S + 0.3
      const events = timeline.events.filter((e) => at(e) >= windowStart && at(e) <= windowEnd)
      const report = utterances.map((u) => {
        const start = events.filter((e) => e.kind === 'speechStart' && Math.abs(at(e) - u.start) <= 0.25)
        // Not before the end delay has (nearly) passed either: the chosen delay is the one in use.
        const stop = events.filter((e) => e.kind === 'speechEnd' && at(e) >= u.end + END_DELAY_S - 0.3 && at(e) <= u.end + END_DELAY_S + 0.3)
        expect(start, `one start within ±250 ms of ${u.start.toFixed(2)} s; events: ${show(events)}`).toHaveLength(1)
        expect(stop, `one end ${END_DELAY_S} ± 0.3 s after ${u.end.toFixed(2)} s; events: ${show(events)}`).toHaveLength(1)
        return `${u.start.toFixed(2)}–${u.end.toFixed(2)} s: start ${((at(start[0]!) - u.start) * 1000).toFixed(0)} ms, end +${((at(stop[0]!) - u.end) * 1000).toFixed(0)} ms`
      })
      // Nothing else: no second start inside an utterance (the 0.3 s pause), no misfire, no end without a start.
      const expected = utterances.length * 2 + events.filter((e) => e.kind === 'speechConfirmed').length
      expect(events, `events: ${show(events)}`).toHaveLength(expected)
      console.log(`[vad-timing] sox spans vs detector events (end delay ${END_DELAY_S * 1000} ms):\n  ${report.join('\n  ')}`)
      await testInfo.attach('vad-timing.txt', { body: report.join('\n') })
    }, 'graph')
  })
}

test('silence, then noise: no detector event in either', async ({ agent }) => {
  test.setTimeout(180_000)
  await withMic(files.quiet, agent, async (mira) => {
    // Wherever in the loop the detector began, this much audio holds a whole stretch of silence and one of noise.
    const timeline = await listenFor(mira.page, durationS(files.quiet) + QUIET_S + 0.5)
    const heard = heardAudio(timeline, 'heard-quiet.wav')
    // The silence reached the detector as silence: sox hears nothing in a whole stretch of it.
    const bounds = [timeline.audioFrom / timeline.sampleRate, ...heard.spans.flatMap((s) => [s.start, s.end]), timeline.samples / 16_000]
    const gaps = bounds.flatMap((at, i) => (i % 2 === 0 && i + 1 < bounds.length ? [bounds[i + 1]! - at] : []))
    expect(Math.max(...gaps), `quiet stretches heard: ${gaps.map((g) => g.toFixed(2)).join(', ')} s`).toBeGreaterThanOrEqual(QUIET_S - 0.3)
    // The noise reached the detector (it was not all taken out before): sox hears sound in it.
    expect(heard.spans.reduce((sum, s) => sum + s.end - s.start, 0)).toBeGreaterThan(1)
    expect(timeline.events, `events: ${show(timeline.events)}`).toEqual([])
    await expect(mira.page.getByText('Mic on · hearing you')).toHaveCount(0)
  })
})

test('her own voice alone: while Mira speaks aloud and the microphone hears silence, no detector event and no barge-in', async () => {
  test.setTimeout(180_000)
  // No server voice: she speaks with the local espeak-ng voice, in the same AudioContext as the detector.
  const agent = await FakeAgentServer.start({ token: TOKEN, rest: { tts: false } })
  try {
    await withMic(files.silence, agent, async (mira) => {
      const { page } = mira
      await startListening(page)
      agent.answer = () => [{ tokens: ['Two sentences.'] }, { tts: 'I am speaking out loud now, in my own voice.' }, { tts: 'None of this should reach the detector.' }]
      await page.getByRole('textbox', { name: 'Message' }).fill('Say something')
      await page.keyboard.press('Enter')
      const caption = page.locator('[data-caption]')
      await expect(caption).toHaveText('I am speaking out loud now, in my own voice.', { timeout: 60_000 })
      await expect(caption).toHaveText('None of this should reach the detector.', { timeout: 30_000 })
      await expect(caption).toHaveCount(0, { timeout: 30_000 })
      // Both sentences were played, with the local voice (the speech diagnostics record each one as it starts).
      const spoken = (await page.evaluate('window.__miraSpeech.snapshot().samples')) as { engine: string }[]
      expect(spoken.map((s) => s.engine)).toEqual(['local', 'local'])
      // And a little more listening after she stopped, counted in audio.
      const timeline = await heardAtLeast(page, (await heardS(page)) + 2)
      expect(timeline.events, `events: ${show(timeline.events)}`).toEqual([])
      expect(heardAudio(timeline, 'heard-own-voice.wav').spans).toEqual([])
      expect(agent.framesOfType('interrupt_stream')).toEqual([])
    })
  } finally {
    await agent.stop()
  }
})
