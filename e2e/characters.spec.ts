/**
 * The user's own character on the stage (web mode, Chromium, WebGL through SwiftShader, frames
 * stepped by hand through the `?diagnostics=1` hook): the default start loads no WebGL engine; a
 * dropped VRM (made by the test) is drawn and its mouth follows the voice; a server's VRM config is
 * shown; a broken file and a Live2D model without Cubism Core leave the built-in avatar and a note.
 */
import type { Locator, Page } from '@playwright/test'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { zipSync } from 'fflate'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import { glb, makeVrm } from '../test/support/vrm-fixture'
import { drawnShare } from './support/pixels'
import { expect, test as base, TOKEN } from './fixtures'
import { openSettings } from './support/settings'
import { dropFile } from './support/drop-file'

const VRM_1 = makeVrm({ version: '1.0', name: 'Alice', texture: true })
const VRM_0 = makeVrm({ version: '0.x', name: 'Bob' })
/** A whole glTF binary that declares VRM data, but whose mesh names an accessor that is not there. */
const BROKEN_VRM = glb(
  { asset: { version: '2.0' }, extensionsUsed: ['VRMC_vrm'], extensions: { VRMC_vrm: { specVersion: '1.0' } }, scene: 0, scenes: [{ nodes: [0] }], nodes: [{ mesh: 0 }], meshes: [{ primitives: [{ attributes: { POSITION: 7 } }] }] },
  new Uint8Array(),
)
const MODEL3 = { Version: 3, FileReferences: { Moc: 'haru.moc3', Textures: ['haru.2048/texture_00.png'] } }

const test = base.extend({
  agent: async ({ target: _target }, use) => {
    const agent = await FakeAgentServer.start({
      token: TOKEN,
      avatarConfigs: [
        { filename: 'mira.yaml', name: 'Mira' },
        { filename: 'bob.yaml', name: 'Bob', modelUrl: '/live2d/bob/bob.vrm', emotionMap: { joy: 'happy' } },
        { filename: 'haru.yaml', name: 'Haru', modelUrl: '/live2d/haru/haru.model3.json' },
        { filename: 'hiyori.yaml', name: 'Hiyori', modelUrl: '/live2d/hiyori/hiyori.model3.json' },
      ],
      rest: {
        files: {
          '/live2d/bob/bob.vrm': { type: 'model/gltf-binary', body: VRM_0 },
          '/live2d/haru/haru.model3.json': { type: 'application/json', body: JSON.stringify(MODEL3) },
          '/live2d/haru/haru.moc3': { type: 'application/octet-stream', body: 'MOC3' },
          '/live2d/haru/haru.2048/texture_00.png': { type: 'image/png', body: 'png' },
          '/live2d/hiyori/hiyori.model3.json': { type: 'application/json', body: '{ "Version": 3, "FileReferences": ' },
        },
      },
    })
    await use(agent)
    await agent.stop()
  },
})
// Small, for SwiftShader; tall enough that the stage is more than a strip.
test.use({ viewport: { width: 480, height: 420 } })
// SwiftShader draws slowly on a loaded machine: these get three times the usual time.
test.beforeEach(() => test.slow())

const WEBGL_CHUNK = /(vrm-adapter|live2d-adapter|three|pixi|cubism)[^/]*\.js$/
const view = (page: Page): Locator => page.locator('.avatar-view')
const note = (page: Page): Locator => view(page).getByRole('alert')

/** Reloads with the test hook on, recording every script the page asks for. */
async function openWithHook(page: Page): Promise<string[]> {
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await page.goto(new URL('/?diagnostics=1', page.url()).href)
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
  return scripts
}

const drop = (page: Page, name: string, bytes: Uint8Array): Promise<void> => dropFile(page, page.getByRole('region', { name: 'Stage' }), name, bytes)

interface Readout {
  kind: string
  expression: string
  mouth: number
  weights: Record<string, number>
  frames: number
}

// Page code is written as strings: the e2e files are type-checked without the DOM library.
const step = async (page: Page, ms = 50): Promise<Readout> => (await page.evaluate(`window.__miraAvatar.step(${ms})`)) as Readout
const freeze = (page: Page): Promise<unknown> => page.evaluate('window.__miraAvatar.freeze()')
const visemes = (r: Readout): number => Math.max(...['aa', 'ih', 'ou', 'ee', 'oh'].map((v) => r.weights[v] ?? 0))

test('the default start loads no WebGL engine; a dropped VRM 1.0 is drawn, kept, and moves its mouth with the voice', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  const scripts = await openWithHook(page)
  await expect(page.getByRole('img', { name: 'Mira' })).toBeVisible()
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'builtin')
  expect(scripts.filter((s) => WEBGL_CHUNK.test(s))).toEqual([])

  await drop(page, 'Alice.vrm', VRM_1)
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'vrm', { timeout: 20_000 })
  // Now, and only now, the VRM renderer's chunk came.
  expect(scripts.some((s) => /vrm-adapter/.test(s))).toBe(true)
  await expect(page.getByRole('img', { name: 'Mira' })).toHaveCount(0)
  await expect(page.locator('.avatar-tag')).toHaveText('Character: Alice')
  await freeze(page)
  // The greeting's smile fades first (the mood's own timing); then the face is at rest, mouth shut.
  await expect.poll(async () => (await step(page, 250)).expression, { timeout: 20_000 }).toBe('neutral')
  const neutral = await step(page)
  expect(neutral).toMatchObject({ kind: 'vrm', expression: 'neutral' })
  expect(visemes(neutral)).toBe(0)
  expect(await drawnShare(page, testInfo, 'vrm-neutral')).toBeGreaterThan(0.03)

  // A spoken sentence opens the mouth (visemes), its emotion shows, and the mouth closes after.
  agent.answer = () => [{ tokens: ['Hello there.'] }, { tts: 'Hello there, this sentence is long enough to be heard for a while.', emotion: 'happy' }]
  await page.getByRole('textbox', { name: 'Message' }).fill('Hi')
  await page.keyboard.press('Enter')
  await expect.poll(async () => visemes(await step(page)), { timeout: 15_000, intervals: [50] }).toBeGreaterThan(0.1)
  await expect.poll(async () => (await step(page, 250)).weights.happy ?? 0, { intervals: [50] }).toBeGreaterThan(0.5)
  // The answer's small picture is Alice's initial, not Mira's "M".
  await expect(page.getByRole('article', { name: 'Mira' }).locator('.turn__avatar')).toHaveAttribute('data-initial', 'A')
  await view(page).screenshot({ path: testInfo.outputPath('vrm-speaking.png') })
  await expect.poll(async () => visemes(await step(page)), { timeout: 15_000 }).toBe(0)

  // Kept in the data dir: after a reload it is still on the stage, and listed in the Character menu.
  await openWithHook(page)
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'vrm', { timeout: 20_000 })
  await page.getByRole('button', { name: 'Character' }).click()
  await expect(page.getByRole('menuitemradio', { name: /Alice/ })).toHaveAttribute('aria-checked', 'true')
  await page.screenshot({ path: testInfo.outputPath('character-menu.png') })
})

test('a server’s VRM 0.x config is shown with each emotion, and the server’s built-in one brings the drawing back', async ({ mira, agent }, testInfo) => {
  test.setTimeout(180_000)
  const { page } = mira
  await openWithHook(page)
  await page.getByRole('button', { name: 'Character' }).click()
  await page.getByRole('menuitemradio', { name: /Bob/ }).click()
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'vrm', { timeout: 20_000 })
  await freeze(page)
  await step(page)
  // The server asks for kScale 0.5: a smaller figure.
  expect(await drawnShare(page, testInfo, 'vrm0-server')).toBeGreaterThan(0.01)
  // Each emotion shows while its sentence plays (VRM 0.x names them joy, sorrow, fun… and "Surprised").
  const emotions = ['happy', 'angry', 'sad', 'relaxed', 'surprised']
  agent.answer = () => [
    { tokens: ['Feelings.'] },
    ...emotions.map((emotion, i) => ({ tts: `Sentence ${i} shows the ${emotion} face for a good while, long enough for the test to see it clearly.`, emotion })),
  ]
  // Each sentence plays 6 s: time for hand-stepped looks and a picture, however busy the machine.
  agent.ttsDurationMs = (text) => (text.startsWith('Sentence ') ? 6_000 : undefined)
  await page.getByRole('textbox', { name: 'Message' }).fill('Show me')
  await page.keyboard.press('Enter')
  for (const emotion of emotions) {
    // Look often, and let each look draw a quarter second.
    await expect.poll(async () => (await step(page, 250)).weights[emotion] ?? 0, { timeout: 20_000, intervals: [50] }).toBeGreaterThan(0.6)
    await view(page).screenshot({ path: testInfo.outputPath(`vrm0-${emotion}.png`) })
  }

  // At a desktop size the stage is the character's: a look at the framing (head and shoulders).
  await page.setViewportSize({ width: 1000, height: 700 })
  await expect.poll(async () => (await step(page)).frames).toBeGreaterThan(2)
  await page.getByRole('region', { name: 'Stage' }).screenshot({ path: testInfo.outputPath('vrm0-desktop.png') })

  await page.getByRole('button', { name: 'Character' }).click()
  await page.getByRole('menuitemradio', { name: /Mira/ }).click()
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'builtin')
  await expect(page.getByRole('img', { name: 'Mira' })).toBeVisible()
})

test('broken models leave the built-in avatar and a note that says what is wrong', async ({ mira }, testInfo) => {
  const { page } = mira
  await openWithHook(page)

  await drop(page, 'half.vrm', VRM_1.subarray(0, 200))
  await expect(note(page)).toContainText('“half.vrm” is cut short or damaged')
  await note(page).getByRole('button', { name: 'Dismiss' }).click()

  await drop(page, 'broken.vrm', BROKEN_VRM)
  await expect(note(page)).toContainText('The VRM model could not be read')
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'builtin')
  await expect(page.getByRole('img', { name: 'Mira' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('broken-vrm.png') })

  // Live2D: a settings file that is not JSON, then a good one without Cubism Core supplied.
  await page.getByRole('button', { name: 'Character' }).click()
  await page.getByRole('menuitemradio', { name: /Hiyori/ }).click()
  await expect(note(page)).toContainText('settings file is not valid JSON')
  await page.getByRole('button', { name: 'Character' }).click()
  await page.getByRole('menuitemradio', { name: /Haru/ }).click()
  await expect(note(page)).toContainText('needs Live2D Cubism Core')
  await expect(page.getByRole('img', { name: 'Mira' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('live2d-missing-core.png') })
  // Nothing of the engine was loaded for a model that cannot be shown.
  expect(await page.evaluate("performance.getEntriesByType('resource').some((e) => /pixi|cubism/.test(e.name))")).toBe(false)
})

test('a zipped Live2D model is kept and listed; without Cubism Core a note, with the runtime the engine runs under the real CSP', async ({ mira }, testInfo) => {
  const { page } = mira
  const scripts = await openWithHook(page)
  const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
  const zip = zipSync({ 'Haru/haru.model3.json': enc(JSON.stringify(MODEL3)), 'Haru/haru.moc3': enc('not a real moc'), 'Haru/haru.2048/texture_00.png': enc('png') })
  await drop(page, 'Haru.zip', zip)
  await expect(note(page)).toContainText('needs Live2D Cubism Core')
  await page.getByRole('button', { name: 'Character' }).click()
  await expect(page.getByRole('menuitemradio', { name: /Haru.*Live2D model/ })).toHaveAttribute('aria-checked', 'true')
  // The same model as a folder, from the folder picker: packed, checked and kept the same way.
  const folder = join(mira.dataDir, '..', `${basename(mira.dataDir)}-model`, 'Hiyori')
  await mkdir(join(folder, 'haru.2048'), { recursive: true })
  await writeFile(join(folder, 'hiyori.model3.json'), JSON.stringify(MODEL3))
  await writeFile(join(folder, 'haru.moc3'), 'not a real moc')
  await writeFile(join(folder, 'haru.2048', 'texture_00.png'), 'png')
  await page.getByTestId('character-folder').setInputFiles(folder)
  await expect(page.getByRole('menu', { name: 'Character' })).toBeHidden()
  await page.getByRole('button', { name: 'Character' }).click()
  await expect(page.getByRole('menuitemradio', { name: /Hiyori.*Live2D model/ })).toHaveAttribute('aria-checked', 'true')
  await page.screenshot({ path: testInfo.outputPath('character-menu-own.png') })
  await rm(join(folder, '..'), { recursive: true, force: true })
  await page.keyboard.press('Escape')

  // A stand-in runtime (the real Core cannot ship): it is recognized, kept, served from the app's
  // origin as a script, and the model is tried again at once. Its moc cannot be read, so the note says so.
  await openSettings(page, 'Character')
  const stub = `window.Live2DCubismCore = { Version: { csmGetVersion: () => 0x05000000, csmGetLatestMocVersion: () => 5, csmGetMocVersion: () => 0 },
    Logging: { csmSetLogFunction() {}, csmGetLogFunction: () => undefined }, Memory: { initializeAmountOfMemory() {} },
    Moc: class { static fromArrayBuffer() { return null } }, Model: class { static fromMoc() { return null } } }`
  await page.getByTestId('live2d-runtime-file').setInputFiles({ name: 'live2dcubismcore.min.js', mimeType: 'text/javascript', buffer: Buffer.from(stub) })
  await expect(page.getByText('Saved. Live2D models can now be shown.')).toBeVisible()
  await page.getByText('Saved. Live2D models can now be shown.').scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('settings-live2d-runtime.png') })
  await page.keyboard.press('Escape')
  await expect(note(page)).toContainText('The Live2D model could not be read', { timeout: 20_000 })
  await page.screenshot({ path: testInfo.outputPath('live2d-unreadable-moc.png') })
  expect(scripts.some((s) => /live2dcubismcore\.min\.js$/.test(s))).toBe(true)
  expect(scripts.some((s) => /live2d-adapter/.test(s))).toBe(true)
  await expect(page.getByRole('img', { name: 'Mira' })).toBeVisible()
})
