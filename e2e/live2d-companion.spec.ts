/**
 * The built-in companion serves a Live2D character the user put in its folders (a config in
 * `avatars/`, the model in `live2d/<name>/`, served under `/v1/live2d/`): chosen in the Character
 * menu it is drawn (Cubism Core supplied in Settings), and the companion's spoken answer moves its
 * mouth. Haru is Live2D's Cubism 4 sample from a dev-only npm package (see support/live2d-samples.ts).
 */
import { cp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openSettings } from './support/settings'
import { HARU_FOLDER, live2dSamples } from './support/live2d-samples'

const samples = live2dSamples()

test.use({ useAgent: false, viewport: { width: 480, height: 600 }, conversationOpen: false })
test.beforeEach(() => {
  test.skip(typeof samples === 'string', typeof samples === 'string' ? samples : '')
  test.slow()
})

const HARU_YAML = `character_config:
  conf_name: Haru
  conf_uid: haru
  live2d_model_name: haru
  mira:
    avatar: live2d
    voice: en-us
`

const mouthOpen = async (page: Page, ms: number): Promise<number> =>
  ((await page.evaluate(`window.__miraAvatar.step(${ms})`)) as { weights: Record<string, number> }).weights.ParamMouthOpenY ?? 0

test('a Live2D character in the companion’s folders is chosen, drawn, and speaks the companion’s answer', async ({ mira }, testInfo) => {
  if (typeof samples === 'string') return
  const { page } = mira
  const companion = join(mira.dataDir, 'companion')
  await cp(HARU_FOLDER, join(companion, 'live2d', 'haru'), { recursive: true })
  await writeFile(join(companion, 'avatars', 'haru.yaml'), HARU_YAML)
  await page.goto(new URL('/?diagnostics=1', page.url()).href)

  await openSettings(page, 'Character')
  await page.getByTestId('live2d-runtime-file').setInputFiles({ name: 'live2dcubismcore.min.js', mimeType: 'text/javascript', buffer: samples.cubism4 })
  await expect(page.getByText('Saved. Live2D models can now be shown.')).toBeVisible()
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Character' }).click()
  await page.getByRole('menuitemradio', { name: /Haru/ }).click()
  const view = page.locator('.avatar-view')
  await expect(view).toHaveAttribute('data-avatar-kind', 'live2d', { timeout: 60_000 })
  await page.evaluate('window.__miraAvatar.freeze()')
  await expect.poll(() => mouthOpen(page, 100)).toBe(0)
  await page.getByRole('region', { name: 'Stage' }).screenshot({ path: testInfo.outputPath('companion-haru.png') })

  // The offline demo answers; the companion's espeak-ng voice says it, and Haru's mouth follows.
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me a story')
  await page.keyboard.press('Enter')
  await expect.poll(() => mouthOpen(page, 50), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0.1)
  await page.getByRole('region', { name: 'Stage' }).screenshot({ path: testInfo.outputPath('companion-haru-speaking.png') })
})
