/**
 * The user's own character: its picture in the Character menu (rendered once, kept in the data
 * dir), and its per-model settings (Settings → Characters): size and place, and the emotion map for
 * a model whose expressions have other names. Applied to the stage at once, kept per model, still
 * there after a reload. The VRM is made by the test (test/support/vrm-fixture.ts).
 */
import type { Page } from '@playwright/test'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { makeVrm } from '../test/support/vrm-fixture'
import { expect, test } from './fixtures'
import { drawnShare } from './support/pixels'
import { openSettings } from './support/settings'
import { dropFile } from './support/drop-file'

const VRM = makeVrm({ version: '1.0', name: 'Alice', texture: true })

test.use({ viewport: { width: 480, height: 640 }, conversationOpen: false })
test.beforeEach(() => test.slow())

interface Readout {
  expression: string
  weights: Record<string, number>
}
const step = async (page: Page, ms = 100): Promise<Readout> => (await page.evaluate(`window.__miraAvatar.step(${ms})`)) as Readout
const view = (page: Page) => page.locator('.avatar-view')

async function openHooked(page: Page): Promise<void> {
  await page.goto(new URL('/?diagnostics=1', page.url()).href)
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
}

test('a model’s size, place and emotion names are applied at once, kept per model, and survive a reload', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  await openHooked(page)
  await dropFile(page, page.getByRole('region', { name: 'Stage' }), 'Alice.vrm', VRM)
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'vrm', { timeout: 30_000 })
  await page.evaluate('window.__miraAvatar.freeze()')
  await step(page)
  const before = await drawnShare(page, testInfo, 'look-default')

  // Its picture was rendered once, kept in the data dir, and is in the Character menu.
  const thumbnails = async (): Promise<string[]> => (await readdir(join(mira.dataDir, 'characters'))).filter((f) => f.endsWith('.png'))
  await expect.poll(thumbnails).toHaveLength(1)
  const [thumbnail] = await thumbnails()
  const kept = (await stat(join(mira.dataDir, 'characters', thumbnail!))).mtimeMs
  await page.getByRole('button', { name: 'Character' }).click()
  const picture = page.getByRole('menuitemradio', { name: /Alice/ }).locator('img')
  await expect.poll(() => picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(128)
  await page.getByRole('menu', { name: 'Character' }).screenshot({ path: testInfo.outputPath('look-menu-picture.png') })
  await page.keyboard.press('Escape')

  await openSettings(page, 'Character')
  const look = page.getByRole('region', { name: 'Alice: size, place and expressions' })
  await look.scrollIntoViewIfNeeded()
  await look.getByLabel('Size').fill('0.5')
  await look.getByLabel('Left – right').fill('0.3')
  // Alice's "happy" is to be shown by her "relaxed" expression.
  await look.getByRole('textbox', { name: 'Happy' }).fill('relaxed')
  await look.getByRole('textbox', { name: 'Happy' }).press('Tab')
  await expect(look.locator('output[for="look-scale"]')).toHaveText('0.50×')
  await page.screenshot({ path: testInfo.outputPath('look-settings.png') })
  await page.keyboard.press('Escape')

  // Half the size: far fewer of the stage's pixels are hers, at once (no reload of the model).
  await step(page)
  const smaller = await drawnShare(page, testInfo, 'look-smaller')
  expect(smaller).toBeLessThan(before * 0.6)

  agent.answer = () => [{ tokens: ['Yay.'] }, { tts: 'This happy sentence is long enough to be heard for a while, with a smile on it.', emotion: 'happy' }]
  await page.getByRole('textbox', { name: 'Message' }).fill('Hi')
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await step(page, 250)).weights['model:relaxed'] ?? 0, { timeout: 20_000, intervals: [50] }).toBeGreaterThan(0.5)
  // Her own "happy" is not used (it eases back to rest if the greeting's smile had raised it).
  await expect.poll(async () => (await step(page, 100)).weights['model:happy'] ?? 0, { intervals: [50] }).toBeLessThan(0.1)
  expect((await step(page)).weights['model:relaxed']).toBeGreaterThan(0.5)

  // Kept: after a reload the model comes back at that size, and the settings show what was chosen.
  await openHooked(page)
  await expect(view(page)).toHaveAttribute('data-avatar-kind', 'vrm', { timeout: 30_000 })
  await page.evaluate('window.__miraAvatar.freeze()')
  await step(page)
  expect(await drawnShare(page, testInfo, 'look-after-reload')).toBeLessThan(before * 0.6)
  // The picture is not rendered again.
  expect((await stat(join(mira.dataDir, 'characters', thumbnail!))).mtimeMs).toBe(kept)
  await openSettings(page, 'Character')
  await expect(look.getByLabel('Size')).toHaveValue('0.5')
  await expect(look.getByRole('textbox', { name: 'Happy' })).toHaveValue('relaxed')
  await look.getByRole('button', { name: 'Reset size, place and names' }).click()
  await expect(look.getByLabel('Size')).toHaveValue('1')
})

test.describe('in Japanese, 390 px wide', () => {
  test.use({ viewport: { width: 390, height: 720 }, appLocale: 'ja-JP' })
  test('the settings of your character and its picture in the menu, looked at', async ({ mira }, testInfo) => {
    const { page } = mira
    await dropFile(page, page.locator('.stage'), 'Alice.vrm', VRM)
    await expect(view(page)).toHaveAttribute('data-avatar-kind', 'vrm', { timeout: 30_000 })
    await expect.poll(async () => (await readdir(join(mira.dataDir, 'characters'))).filter((f) => f.endsWith('.png'))).toHaveLength(1)
    await page.getByRole('button', { name: 'キャラクター', exact: true }).click()
    await expect(page.getByRole('menuitemradio', { name: /Alice/ }).locator('img')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('look-menu-ja-390.png') })
    await page.keyboard.press('Escape')
    await openSettings(page, 'キャラクター', { button: '設定', dialog: '設定' })
    const look = page.getByRole('region', { name: 'Alice：大きさ・位置・表情' })
    await look.scrollIntoViewIfNeeded()
    await expect(look.getByLabel('大きさ')).toHaveValue('1')
    await page.screenshot({ path: testInfo.outputPath('look-settings-ja-390.png') })
  })
})
