/**
 * The character on the stage, in the real renderer (web host + core in headless Chromium, WebGL
 * through SwiftShader, 800 × 600): main-thread CPU time per second and per drawn frame for the
 * built-in drawing, for a VRM (made by the test helper) and for Live2D's Cubism 4 sample Haru
 * (from the dev-only npm packages, when installed), each idle and while its mouth moves, as ratios to
 * the built-in avatar idling in the same run; and the time from choosing each to its first frame. CPU time is Chromium's own TaskDuration (DevTools Performance metrics).
 * Printed, never asserted.
 */
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import globalSetup from '../e2e/global-setup'
import { dropFile } from '../e2e/support/drop-file'
import { launchWeb } from '../e2e/support/launch'
import { HARU_URL, live2dSamples } from '../e2e/support/live2d-samples'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import { makeVrm } from '../test/support/vrm-fixture'
import type { Bench, BenchRow } from './harness'

const TOKEN = 'bench-token'
const WINDOW_MS = 3000

/** Counts display frames in the page (`window.__benchFrames`). */
const COUNT_FRAMES = `(() => { window.__benchFrames = 0; const tick = () => { window.__benchFrames++; requestAnimationFrame(tick) }; requestAnimationFrame(tick) })()`

async function cpu(session: CDPSession): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000
}

/** Main-thread ms per second of wall time, and per frame the character drew (`frames()`; the display's frames for the built-in one). */
async function measure(page: Page, session: CDPSession, frames: () => Promise<number>): Promise<{ perSecond: number; perFrame: number }> {
  const [cpu0, frames0, t0] = [await cpu(session), await frames(), Date.now()]
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))
  const [cpu1, frames1, t1] = [await cpu(session), await frames(), Date.now()]
  const seconds = (t1 - t0) / 1000
  return { perSecond: (cpu1 - cpu0) / seconds, perFrame: (cpu1 - cpu0) / Math.max(1, frames1 - frames0) }
}

export const avatarBench: Bench = {
  name: 'avatar',
  description: 'the character on the stage in headless Chromium (SwiftShader WebGL, 800 × 600): CPU per second and per frame, built-in vs VRM vs Live2D; first frames',
  async run() {
    await globalSetup()
    let browser: Browser | undefined
    const launchBrowser = async () => (browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--mute-audio'] }))
    const long = 'This sentence is long enough to keep the mouth moving for the whole of the measuring window, and then some more.'
    const samples = live2dSamples()
    const agent = await FakeAgentServer.start({
      token: TOKEN,
      answer: () => [{ tokens: ['Talking.'] }, { tts: long }, { tts: long }, { tts: long }],
      avatarConfigs: [{ filename: 'haru.yaml', name: 'Haru', modelUrl: HARU_URL, modelInfo: { kScale: 1 } }],
      rest: { files: typeof samples === 'string' ? {} : samples.files },
    })
    const rows: BenchRow[] = []
    try {
      const mira = await launchWeb({ serverUrl: agent.url, token: TOKEN, browser: launchBrowser, viewport: { width: 800, height: 600 } })
      try {
        const { page } = mira
        await page.goto(new URL('/?diagnostics=1', page.url()).href)
        await page.getByRole('status').filter({ hasText: /^Connected$/ }).waitFor()
        const session = await page.context().newCDPSession(page)
        await session.send('Performance.enable')
        await page.evaluate(COUNT_FRAMES)
        const displayFrames = async () => Number(await page.evaluate('window.__benchFrames'))
        const drawn = async () => Number(await page.evaluate('window.__miraAvatar.readout().frames'))
        const talk = async () => {
          await page.getByRole('textbox', { name: 'Message' }).fill('Talk')
          await page.keyboard.press('Enter')
          await page.locator('[data-caption]').waitFor({ timeout: 60_000 })
        }
        const quiet = () => page.getByRole('button', { name: 'Stop' }).waitFor({ state: 'hidden', timeout: 120_000 })

        const builtinIdle = await measure(page, session, displayFrames)
        await talk()
        const builtinTalking = await measure(page, session, displayFrames)
        await page.keyboard.press('Escape')
        await quiet()

        const dropped = Date.now()
        await dropFile(page, page.getByRole('region', { name: 'Stage' }), 'bench.vrm', makeVrm({ version: '1.0' }))
        await page.locator('.avatar-view[data-avatar-kind="vrm"]').waitFor({ timeout: 120_000 })
        const firstFrameMs = Date.now() - dropped
        const vrmIdle = await measure(page, session, drawn)
        await talk()
        const vrmTalking = await measure(page, session, drawn)
        await page.keyboard.press('Escape')
        await quiet()

        let live2d: { idle: { perSecond: number; perFrame: number }; talking: { perSecond: number; perFrame: number }; firstFrameMs: number } | undefined
        if (typeof samples !== 'string') {
          // The runtime as a user supplies it (Settings), then the server's Live2D config from the Character menu.
          await page.getByRole('button', { name: 'Settings', exact: true }).click()
          await page.getByRole('dialog', { name: 'Settings' }).getByRole('tab', { name: 'Character', exact: true }).click()
          await page.getByTestId('live2d-runtime-file').setInputFiles({ name: 'live2dcubismcore.min.js', mimeType: 'text/javascript', buffer: samples.cubism4 })
          await page.getByText('Saved. Live2D models can now be shown.').waitFor()
          await page.keyboard.press('Escape')
          await page.getByRole('button', { name: 'Character' }).click()
          const chosen = Date.now()
          await page.getByRole('menuitemradio', { name: /Haru/ }).click()
          await page.locator('.avatar-view[data-avatar-kind="live2d"]').waitFor({ timeout: 120_000 })
          const firstFrameMs = Date.now() - chosen
          const idle = await measure(page, session, drawn)
          await talk()
          const talking = await measure(page, session, drawn)
          await page.keyboard.press('Escape')
          live2d = { idle, talking, firstFrameMs }
        }

        const base = builtinIdle.perSecond
        const row = (label: string, m: { perSecond: number; perFrame: number }): BenchRow[] => [
          { label: `${label}: CPU per second`, value: m.perSecond, unit: 'ms/s', ratio: m.perSecond / base },
          { label: `${label}: CPU per frame`, value: m.perFrame, unit: 'ms' },
        ]
        rows.push(...row('built-in, idle', builtinIdle), ...row('built-in, talking', builtinTalking), ...row('VRM, idle', vrmIdle), ...row('VRM, talking', vrmTalking))
        rows.push({ label: 'VRM: drop → first frame', value: firstFrameMs, unit: 'ms' })
        if (live2d) {
          rows.push(...row('Live2D (Haru, Cubism 4), idle', live2d.idle), ...row('Live2D (Haru, Cubism 4), talking', live2d.talking))
          rows.push({ label: 'Live2D: chosen → first frame', value: live2d.firstFrameMs, unit: 'ms' })
        }
      } finally {
        await mira.close()
      }
    } finally {
      await browser?.close()
      await agent.stop()
    }
    return {
      title: `The character on the stage, web mode in headless Chromium at 800 × 600 (${WINDOW_MS / 1000} s windows)`,
      rows,
      notes: [
        'vs baseline: CPU per second ÷ the built-in avatar idling, in the same run. WebGL is software-rendered (SwiftShader) here, so VRM costs are far above a GPU’s.',
        'Per frame: the built-in avatar draws on every display frame; VRM and Live2D count the frames their adapter drew (24 a second when only idling).',
        ...(typeof samples === 'string' ? [`Live2D not measured: ${samples}`] : []),
      ],
    }
  },
}
