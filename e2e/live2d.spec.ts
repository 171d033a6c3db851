/**
 * Real Live2D models on the stage (web mode, Chromium, WebGL through SwiftShader, frames stepped by
 * hand through the `?diagnostics=1` hook), under the app's real CSP. Cubism Core and the models
 * come from npm dev dependencies (see support/live2d-samples.ts): the runtime is supplied the way a
 * user supplies it, in Settings; the models are served by the agent server under `/live2d/`.
 */
import type { Locator, Page } from '@playwright/test'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import { expect, test as base, TOKEN } from './fixtures'
import { changedShare, drawnShare } from './support/pixels'
import { openSettings } from './support/settings'
import { dropFile } from './support/drop-file'
import { HARU_PLAIN_URL, HARU_ROUGH_URL, HARU_URL, live2dSamples, SHIZUKU_URL } from './support/live2d-samples'

const samples = live2dSamples()
if (typeof samples === 'string') console.log(`[e2e] live2d.spec skipped — ${samples}`)

const test = base.extend({
  agent: async ({ target: _target }, use) => {
    const agent = await FakeAgentServer.start({
      token: TOKEN,
      avatarConfigs: [
        { filename: 'mira.yaml', name: 'Mira' },
        {
          filename: 'haru.yaml',
          name: 'Haru',
          modelUrl: HARU_URL,
          emotionMap: { happy: 'Smile', sad: 'Sad' },
          modelInfo: { kScale: 1, tapMotions: { Body: 'Use' } },
        },
        { filename: 'haru-still.yaml', name: 'Haru (still)', modelUrl: HARU_PLAIN_URL, modelInfo: { kScale: 1, pointerInteractive: false } },
        { filename: 'haru-rough.yaml', name: 'Haru (rough motions)', modelUrl: HARU_ROUGH_URL, modelInfo: { kScale: 1 } },
        { filename: 'shizuku.yaml', name: 'Shizuku', modelUrl: SHIZUKU_URL, emotionMap: { happy: 'f04', sad: 'f02' }, modelInfo: { kScale: 1, idleMotionGroupName: 'idle' } },
      ],
      rest: { files: typeof samples === 'string' ? {} : samples.files },
    })
    await use(agent)
    await agent.stop()
  },
})
// Small, for SwiftShader; the stage alone (conversation closed), so the character is large enough to see.
test.use({ viewport: { width: 480, height: 420 }, conversationOpen: false })
test.beforeEach(() => {
  test.skip(typeof samples === 'string', typeof samples === 'string' ? samples : '')
  // SwiftShader draws slowly on a loaded machine.
  test.slow()
})

const view = (page: Page): Locator => page.locator('.avatar-view')

interface Readout {
  kind: string
  expression: string
  mouth: number
  weights: Record<string, number>
  frames: number
  motion?: string
}
// Page code is written as strings: the e2e files are type-checked without the DOM library.
const step = async (page: Page, ms = 50): Promise<Readout> => (await page.evaluate(`window.__miraAvatar.step(${ms})`)) as Readout

/** `seconds` of frames stepped by hand, 100 ms each: the eyes (the less open one), the breath, the eyeballs. */
async function stepFor(page: Page, seconds: number): Promise<{ eyes: number[]; breath: number[]; eyeX: number[] }> {
  const out = { eyes: [] as number[], breath: [] as number[], eyeX: [] as number[] }
  for (let i = 0; i < seconds * 10; i++) {
    const w = (await step(page, 100)).weights
    out.eyes.push(Math.min(w.ParamEyeLOpen ?? 1, w.ParamEyeROpen ?? 1))
    out.breath.push(w.ParamBreath ?? 0)
    out.eyeX.push(w.ParamEyeBallX ?? 0)
  }
  return out
}

/** Blinks: the eyes shut (under 0.3) and open again (over 0.5) afterwards. */
function blinksIn(eyes: number[]): number {
  let blinks = 0
  let shut = false
  for (const e of eyes) {
    if (e < 0.3) shut = true
    else if (shut && e > 0.5) {
      blinks++
      shut = false
    }
  }
  return blinks
}

/** Opens the app with the test hook, recording every CSP violation the page reports. */
async function open(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(`window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber))`)
  await page.goto(new URL('/?diagnostics=1', page.url()).href)
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
  return async () => (await page.evaluate('window.__cspViolations')) as string[]
}

/** Settings → Characters → Live2D runtime: the file a user downloads from Live2D. */
async function supplyRuntime(page: Page, name: string, bytes: Buffer): Promise<void> {
  await openSettings(page, 'Character')
  await page.getByTestId('live2d-runtime-file').setInputFiles({ name, mimeType: 'text/javascript', buffer: bytes })
  await expect(page.getByText('Saved. Live2D models can now be shown.')).toBeVisible()
  await page.keyboard.press('Escape')
}

/** Picks a server's config; waits for its model (named by the config's file) to be drawn. */
async function choose(page: Page, name: RegExp, model: string): Promise<void> {
  await page.getByRole('button', { name: 'Character' }).click()
  await page.getByRole('menuitemradio', { name }).click()
  await expect(view(page).getByRole('img', { name: model, exact: true })).toBeVisible({ timeout: 60_000 })
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'live2d')
  await page.evaluate('window.__miraAvatar.freeze()')
}

test('a server’s Cubism 4 model (Haru) is drawn with the Core the user supplied: mouth, expressions and gaze move it', async ({ mira, agent }, testInfo) => {
  if (typeof samples === 'string') return
  // A last resort: drawn through SwiftShader, a frame at a time, it took a minute at load 30.
  test.setTimeout(180_000)
  const { page } = mira
  const violations = await open(page)
  await supplyRuntime(page, 'live2dcubismcore.min.js', samples.cubism4)
  await choose(page, /^Haru(?! \()/, 'haru')
  // The greeting's smile fades first; then the face is at rest, mouth shut.
  await expect.poll(async () => (await step(page, 250)).expression, { timeout: 20_000 }).toBe('neutral')
  const neutral = await step(page)
  expect(neutral.weights.ParamMouthOpenY).toBe(0)
  expect(await drawnShare(page, testInfo, 'live2d-haru-neutral')).toBeGreaterThan(0.05)
  const rest = await view(page).screenshot()

  // The pointer at the stage's top left: the head and eyes turn that way.
  const box = (await view(page).boundingBox())!
  /** Where the head and eyes point, as a word when they clearly do (else the values, for the failure message); the idle motion moves them too. */
  const gaze = async (): Promise<string> => {
    const { ParamAngleX: x = 0, ParamAngleY: y = 0, ParamEyeBallX: eye = 0 } = (await step(page, 100)).weights
    if (x < -10 && y > 5 && eye < 0) return 'up left'
    if (x > 10 && eye > 0) return 'right'
    return JSON.stringify({ x, y, eye })
  }
  await page.mouse.move(box.x + 5, box.y + 5)
  await expect.poll(gaze).toBe('up left')
  // And to the right edge: the other way.
  await page.mouse.move(box.x + box.width - 5, box.y + box.height / 2)
  await expect.poll(gaze).toBe('right')

  // Spoken sentences: the mouth opens with the voice, each emotion shows, and the pixels change. Each answer
  // then holds its turn open, so its emotion stays at full weight however slowly the test gets to look; the
  // smile's sentence lasts a minute, so the mouth is still moving when it does.
  agent.answer = (message) =>
    message.content === 'Hi'
      ? [{ tokens: ['Hello there.'] }, { tts: 'Hello there, with a smile.', emotion: 'happy' }, { hang: true }]
      : [{ tokens: ['Oh.'] }, { tts: 'And this one is a sad sentence.', emotion: 'sad' }, { hang: true }]
  agent.ttsDurationMs = (text) => (text.startsWith('Hello there') ? 60_000 : undefined)
  await page.getByRole('textbox', { name: 'Message' }).fill('Hi')
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await step(page)).weights.ParamMouthOpenY, { timeout: 60_000, intervals: [50] }).toBeGreaterThan(0.1)
  await expect.poll(async () => (await step(page, 100)).expression, { intervals: [50] }).toBe('happy')
  const speaking = await view(page).screenshot({ path: testInfo.outputPath('live2d-haru-speaking.png') })
  expect(await changedShare(page, rest, speaking)).toBeGreaterThan(0.002)
  await page.getByRole('button', { name: 'Stop' }).click()
  await page.getByRole('textbox', { name: 'Message' }).fill('And now?')
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await step(page, 100)).expression, { timeout: 30_000, intervals: [50] }).toBe('sad')
  await expect.poll(async () => (await step(page)).weights.ParamMouthOpenY, { timeout: 30_000 }).toBe(0)
  // "Sad" turns the mouth down once the voice has stopped shaping it.
  await expect.poll(async () => (await step(page, 100)).weights.ParamMouthForm).toBeLessThan(-0.5)
  await view(page).screenshot({ path: testInfo.outputPath('live2d-haru-sad.png') })
  expect(await violations()).toEqual([])
})

test('Haru idles (blinks and breathes), plays its tap motion when her body is tapped; a config that says so keeps her from following the pointer', async ({ mira }, testInfo) => {
  if (typeof samples === 'string') return
  const { page } = mira
  // Tall enough that the greeting leaves her body free to tap.
  await page.setViewportSize({ width: 480, height: 720 })
  await open(page)
  await supplyRuntime(page, 'live2dcubismcore.min.js', samples.cubism4)
  await choose(page, /^Haru(?! \()/, 'haru')
  // Her idle motions blink: the eyes shut now and then, and open again; the breath rises and falls.
  const idle = await stepFor(page, 10)
  expect(blinksIn(idle.eyes)).toBeGreaterThan(0)
  expect(Math.max(...idle.breath) - Math.min(...idle.breath)).toBeGreaterThan(0.15)

  // The config maps her "Body" hit area to the "Use" motions.
  expect((await step(page)).motion).toBe('Idle')
  const box = (await view(page).boundingBox())!
  expect(await page.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height * 0.6}).closest('.avatar-view') !== null`)).toBe(true)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.6)
  await expect.poll(async () => (await step(page, 100)).motion).toBe('Use')
  await view(page).screenshot({ path: testInfo.outputPath('live2d-haru-tapped.png') })

  // Her plain settings (no motions, no blink group of her own) from a config with pointerInteractive: false:
  // Mira blinks her; the pointer far left turns nothing.
  await choose(page, /Haru \(still\)/, 'haru-still')
  await page.mouse.move(box.x + 2, box.y + 2)
  const plain = await stepFor(page, 10)
  expect(blinksIn(plain.eyes)).toBeGreaterThan(0)
  expect(Math.max(...plain.breath) - Math.min(...plain.breath)).toBeGreaterThan(0.15)
  expect(Math.min(...plain.eyeX)).toBeGreaterThan(-0.1)
})

test('motions the engine cannot read (a wrong TotalPointCount, not JSON) are skipped one by one: the model is shown and idles with the good one', async ({ mira }, testInfo) => {
  if (typeof samples === 'string') return
  const { page } = mira
  await open(page)
  await supplyRuntime(page, 'live2dcubismcore.min.js', samples.cubism4)
  await choose(page, /Haru \(rough motions\)/, 'haru-rough')
  // Over stepped frames the good idle motion plays; each bad one is passed over once, with a warning in the console.
  await expect.poll(async () => (await step(page, 200)).motion).toBe('Idle')
  expect(await drawnShare(page, testInfo, 'live2d-haru-rough')).toBeGreaterThan(0.02)
})

test('a server’s Cubism 2 model (Shizuku) is drawn with the Cubism 2 runtime: mouth and expressions move it', async ({ mira, agent }, testInfo) => {
  if (typeof samples === 'string') return
  const { page } = mira
  const violations = await open(page)
  await supplyRuntime(page, 'live2d.min.js', samples.cubism2)
  await choose(page, /Shizuku/, 'shizuku')
  await expect.poll(async () => (await step(page, 250)).expression, { timeout: 20_000 }).toBe('neutral')
  const neutral = await step(page)
  expect(neutral.weights.PARAM_MOUTH_OPEN_Y).toBe(0)
  expect(await drawnShare(page, testInfo, 'live2d-shizuku-neutral')).toBeGreaterThan(0.05)

  agent.answer = () => [{ tokens: ['So sad.'] }, { tts: 'This is a sad sentence, long enough to be heard for a while, and the face shows it.', emotion: 'sad' }]
  await page.getByRole('textbox', { name: 'Message' }).fill('Hi')
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await step(page)).weights.PARAM_MOUTH_OPEN_Y, { timeout: 15_000, intervals: [50] }).toBeGreaterThan(0.1)
  await expect.poll(async () => (await step(page, 100)).expression, { intervals: [50] }).toBe('sad')
  await view(page).screenshot({ path: testInfo.outputPath('live2d-shizuku-speaking.png') })
  await expect.poll(async () => (await step(page)).weights.PARAM_MOUTH_OPEN_Y, { timeout: 15_000 }).toBe(0)
  // f02 (sad) pulls the mouth's corners down once the voice has stopped shaping it.
  await expect.poll(async () => (await step(page, 100)).weights.PARAM_MOUTH_FORM).toBeLessThan(-0.5)
  expect(await violations()).toEqual([])
})

test('your own Live2D model, dropped as a zip, is drawn, kept, and pictured in the Character menu', async ({ mira }, testInfo) => {
  if (typeof samples === 'string') return
  const { page } = mira
  const violations = await open(page)
  await supplyRuntime(page, 'live2dcubismcore.min.js', samples.cubism4)
  const files: Record<string, Uint8Array> = {}
  for (const [path, file] of Object.entries(samples.files)) {
    if (path.startsWith('/live2d/haru/')) files[`Haru/${path.slice('/live2d/haru/'.length)}`] = typeof file.body === 'string' ? new TextEncoder().encode(file.body) : file.body
  }
  await dropFile(page, page.locator('.stage'), 'Haru.zip', zipSync(files))
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'live2d', { timeout: 60_000 })
  await page.evaluate('window.__miraAvatar.freeze()')
  await step(page)
  expect(await drawnShare(page, testInfo, 'live2d-own-haru')).toBeGreaterThan(0.02)
  await page.getByRole('button', { name: 'Character' }).click()
  const picture = page.getByRole('menuitemradio', { name: /Haru.*Live2D model/ }).locator('img')
  await expect.poll(() => picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 30_000 }).toBe(128)
  await page.getByRole('menu', { name: 'Character' }).screenshot({ path: testInfo.outputPath('live2d-own-menu.png') })
  expect(await violations()).toEqual([])
})

test('the built app carries no Live2D runtime and no sample model (they are dev dependencies of the tests only)', async () => {
  if (typeof samples === 'string') return
  const built = join(process.cwd(), 'out', 'renderer')
  const files = (await readdir(built, { recursive: true })).map(String)
  expect(files.some((f) => /\.(moc3?|mtn)$|live2dcubismcore|live2d\.min/.test(f))).toBe(false)
  // Each runtime by a piece of its own code, not a name an engine may mention.
  const signatures = [samples.cubism4.subarray(2000, 2100).toString('latin1'), samples.cubism2.subarray(2000, 2100).toString('latin1')]
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const text = await readFile(join(built, file), 'latin1')
    for (const signature of signatures) expect(text.includes(signature), `${file} contains a Live2D runtime`).toBe(false)
  }
})
