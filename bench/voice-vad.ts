/**
 * The speech detector's cost while listening, in the real renderer: web mode in headless Chromium
 * with its fake microphone playing quiet noise (no speech: nothing is sent), Silero VAD loaded from the
 * app's own origin. The renderer processes' CPU time (Chrome's SystemInfo.getProcessInfo) is read over
 * the same wall-clock window with the microphone off and then on; the share is CPU seconds per second
 * of audio heard. Printed, never asserted.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type CDPSession } from 'playwright-core'
import globalSetup from '../e2e/global-setup'
import { launchWeb } from '../e2e/support/launch'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import type { BenchRow } from './harness'

const WINDOW_MS = 8_000
const TOKEN = 'bench-token'

async function rendererCpuSeconds(cdp: CDPSession): Promise<number> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; cpuTime: number }> }
  return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0)
}

/** CPU seconds the renderers used per wall-clock second over the window. */
async function share(cdp: CDPSession): Promise<number> {
  const cpu = await rendererCpuSeconds(cdp)
  const start = process.hrtime.bigint()
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  return ((await rendererCpuSeconds(cdp)) - cpu) / wall
}

export async function measureVadCpu(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  await globalSetup()
  const dir = await mkdtemp(join(tmpdir(), 'mira-bench-vad-'))
  const mic = join(dir, 'noise.wav')
  const made = spawnSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', mic, 'synth', '30', 'pinknoise', 'vol', '0.02'])
  if (made.status !== 0) throw new Error(`sox failed: ${made.stderr.toString()}`)
  let browser: Browser | undefined
  const agent = await FakeAgentServer.start({ token: TOKEN })
  try {
    const launch = async () =>
      (browser ??= await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${mic}`],
      }))
    const mira = await launchWeb({ serverUrl: agent.url, token: TOKEN, browser: launch, viewport: { width: 800, height: 600 } })
    try {
      const { page } = mira
      await page.getByText('Connected', { exact: true }).waitFor({ timeout: 60_000 })
      const cdp = await (browser as Browser).newBrowserCDPSession()
      const idle = await share(cdp)
      await page.getByRole('button', { name: 'Talk to Mira (hands-free)' }).click()
      await page.getByText(/Mic on · listening/).first().waitFor({ timeout: 120_000 })
      const listening = await share(cdp)
      const vad = Math.max(0, listening - idle)
      const rows: BenchRow[] = [
        { label: 'renderer CPU, microphone off (reference)', value: idle * 100, unit: '% of a core', ratio: 1 },
        { label: 'renderer CPU, listening (mic + Silero VAD)', value: listening * 100, unit: '% of a core', ratio: idle > 0 ? listening / idle : undefined },
        { label: 'listening − off: the detector’s share of the audio time', value: vad * 100, unit: '% of a core' },
      ]
      const notes = [
        `CPU time of Chromium’s renderer processes over ${WINDOW_MS / 1000} s of wall time each (mic off, then hands-free listening on quiet noise); ` +
          `${(vad * 1000).toFixed(1)} ms of CPU per second of audio for capture + detection.`,
      ]
      return { rows, notes }
    } finally {
      await mira.close()
    }
  } finally {
    await browser?.close()
    await agent.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
