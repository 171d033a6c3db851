/**
 * Barge-in with real echo cancellation (opt-in: `npm run bench -- bargein`). Chromium plays Mira's
 * voice (the local espeak-ng voice: the fake agent has no TTS) into a private PulseAudio room and
 * listens to the room (test/support/pulse-room.ts), hands-free, so her own voice reaches the
 * microphone as it would from speakers and Chromium's echo canceller has to take it out. Each run
 * is an answer of several sentences, either alone (a barge-in then is false: her voice stopped her)
 * or with a person's sentence played into the room while she speaks (no barge-in then is missed).
 * Barge-ins are read from the `?diagnostics=1` timeline. Counts are printed, never asserted; where
 * PulseAudio cannot run, it says why and measures nothing.
 */
import { chromium, type Page } from 'playwright-core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import globalSetup from '../e2e/global-setup'
import { launchWeb } from '../e2e/support/launch'
import { FakeAgentServer, type FakeStep } from '../test/support/fake-agent-server'
import { startPulseRoom } from '../test/support/pulse-room'
import { missingSpeechTools, writeSpeechWav } from '../test/support/speech-audio'
import type { Bench, BenchReport } from './harness'

const TOKEN = 'bench-token'
const RUNS = Number(process.env.MIRA_BARGEIN_RUNS ?? 5)
const LINE = (run: number, n: number): string => `Run ${run}, sentence ${n}: Mira keeps talking here for a while, so that there is time to talk over her.`

const skipped = (why: string): BenchReport => ({ title: 'Barge-in with real echo cancellation: skipped', rows: [], notes: [`skipped: ${why}`] })

const events = async (page: Page): Promise<string[]> => (await page.evaluate(`window.__miraListen?.summary().events.map((e) => e.kind) ?? []`)) as string[]
const bargeIns = async (page: Page): Promise<number> => (await events(page)).filter((kind) => kind === 'bargeIn').length

/** What the detector said during a run, e.g. `speechStart misfire speechStart speechConfirmed bargeIn speechEnd`. */
const since = async (page: Page, from: number): Promise<string> => (await events(page)).slice(from).join(' ') || 'nothing'

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

async function measure(page: Page, agent: FakeAgentServer, play: () => Promise<void>): Promise<{ falseBargeIns: number; missed: number; notes: string[] }> {
  const caption = page.locator('[data-caption]')
  const stop = page.getByRole('button', { name: 'Stop', exact: true })
  let falseBargeIns = 0
  let missed = 0
  const notes: string[] = []
  for (let run = 1; run <= 2 * RUNS; run++) {
    const over = run % 2 === 0
    agent.answer = () => [{ tokens: ['Listen.'] }, ...[1, 2, 3].map((n): FakeStep => ({ tts: LINE(run, n) }))]
    const before = await bargeIns(page)
    const from = (await events(page)).length
    await page.getByRole('textbox', { name: 'Message' }).fill(`Run ${run}`)
    await page.keyboard.press('Enter')
    await caption.first().waitFor({ timeout: 60_000 })
    if (over) {
      // A moment into her sentence, the person speaks.
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      await play()
      const heard = await until(async () => (await bargeIns(page)) > before, 10_000)
      if (!heard) missed++
      notes.push(`run ${run} (spoken over): ${heard ? 'barged in' : 'MISSED'}; detector: ${await since(page, from)}`)
    } else {
      await stop.waitFor({ state: 'hidden', timeout: 120_000 })
      const count = (await bargeIns(page)) - before
      falseBargeIns += count > 0 ? 1 : 0
      notes.push(`run ${run} (her voice alone): ${count > 0 ? 'FALSE barge-in' : 'no barge-in'}; detector: ${await since(page, from)}`)
    }
    await stop.waitFor({ state: 'hidden', timeout: 120_000 }).catch(async () => stop.click())
    // The next run starts with the detector idle: every utterance it began has ended (or misfired).
    await until(async () => {
      const kinds = await events(page)
      const count = (kind: string) => kinds.filter((k) => k === kind).length
      return count('speechStart') === count('speechEnd') + count('misfire')
    }, 15_000)
  }
  return { falseBargeIns, missed, notes }
}

export const bargeInBench: Bench = {
  name: 'bargein',
  description: 'barge-in through a PulseAudio room with real echo cancellation: false and missed barge-ins over N runs (opt-in)',
  optIn: true,
  async run() {
    const tools = missingSpeechTools()
    if (tools) return skipped(tools)
    const room = await startPulseRoom()
    if ('unavailable' in room) return skipped(room.unavailable)
    const dir = mkdtempSync(join(tmpdir(), 'mira-bargein-'))
    const voice = join(dir, 'user.wav')
    writeSpeechWav(voice, 'please turn on the light', { padStartS: 0.1, padEndS: 0.3, sampleRate: 48_000 })
    await globalSetup()
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      env: { ...process.env, PULSE_SERVER: room.server },
      // Sound must flow both ways: Playwright would add --mute-audio.
      ignoreDefaultArgs: ['--mute-audio'],
      args: ['--headless=new', '--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--use-fake-ui-for-media-stream'],
    })
    const agent = await FakeAgentServer.start({ token: TOKEN, rest: { tts: false } })
    const mira = await launchWeb({ serverUrl: agent.url, token: TOKEN, browser: async () => browser })
    try {
      const { page } = mira
      await page.goto(new URL('/?diagnostics=1', page.url()).href)
      await page.getByText('Connected', { exact: true }).waitFor({ timeout: 30_000 })
      await page.getByRole('button', { name: 'Talk to Mira (hands-free)' }).click()
      await page.getByRole('button', { name: 'Stop listening' }).waitFor({ timeout: 60_000 })
      await page.getByText('Mic on · listening').waitFor({ timeout: 60_000 })
      const label = String(await page.evaluate('navigator.mediaDevices.enumerateDevices().then((d) => d.filter((x) => x.kind === "audioinput").map((x) => x.label).join(", "))'))
      const result = await measure(page, agent, () => room.play(voice))
      return {
        title: `Barge-in with real echo cancellation (PulseAudio room), ${RUNS} runs each`,
        rows: [
          { label: 'her voice alone: runs (reference)', value: RUNS, unit: 'runs', ratio: 1 },
          { label: 'her voice alone: false barge-ins', value: result.falseBargeIns, unit: 'runs', ratio: result.falseBargeIns / RUNS },
          { label: 'spoken over her: runs (reference)', value: RUNS, unit: 'runs', ratio: 1 },
          { label: 'spoken over her: missed barge-ins', value: result.missed, unit: 'runs', ratio: result.missed / RUNS },
        ],
        notes: [`microphones: ${label || 'none listed'}; MIRA_BARGEIN_RUNS sets N.`, ...result.notes],
      }
    } finally {
      await mira.close()
      await browser.close()
      await agent.stop()
      room.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
