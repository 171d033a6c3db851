/**
 * A new user's first session, on the built-in companion server with nothing else running: the
 * offline demo answers, its espeak-ng voice is heard (the mouth moves with the real audio), Stop
 * silences it, a background and a character are switched, the language
 * is changed, and an earlier conversation is opened again. One screenshot per step.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openSettings, saveInLanguage } from './support/settings'
import { avatarLog, captionsShown, recordAvatar, whileShown, widestMouth, type AvatarMoment } from './support/avatar-log'

test.use({ useAgent: false })

const avatar = (page: Page) => page.getByRole('img', { name: 'Mira' })
const mouth = async (page: Page): Promise<number> => Number(await avatar(page).getAttribute('data-mouth'))
const caption = (page: Page) => page.locator('[data-caption]')

/** The text under the speaking highlight (CSS Custom Highlight API) and the caption, read at one moment. */
const SPOKEN_AND_CAPTION = `(() => {
  const h = CSS.highlights.get('mira-speaking')
  return { highlighted: h ? [...h].map((r) => r.toString()) : [], caption: document.querySelector('[data-caption]')?.innerText ?? '' }
})()`

/** A character the user dropped into the companion's avatars folder, as its default config's comment invites. */
const LUNA_YAML = `character_config:
  conf_name: Luna
  conf_uid: luna
  live2d_model_name: mira
  character_name: Luna
  mira:
    avatar: builtin
    voice: en-us
`

test('first start on the built-in server: chat and hear it, stop, background, character, language, an old conversation', async ({ mira }, testInfo) => {
  // Last resorts for a busy machine: espeak-ng makes every sentence on this machine's CPU.
  test.setTimeout(180_000)
  const { page } = mira
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) })
  await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 20_000 })
  await shot('1-first-start')

  // A first hello: the demo says what it is, aloud.
  await recordAvatar(page)
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello!')
  await page.keyboard.press('Enter')
  const answers = page.getByRole('article', { name: 'Mira' })
  await expect(answers.first()).toContainText('offline demo', { timeout: 15_000 })
  // Read from the page's recording: a short first sentence can come and go between two looks.
  await expect.poll(async () => captionsShown(await avatarLog(page)).length, { timeout: 60_000 }).toBeGreaterThan(0)
  await expect.poll(async () => widestMouth(await avatarLog(page)), { timeout: 30_000 }).toBeGreaterThan(0.2)
  await expect(answers.first()).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 })
  // Said to its last sentence (a gap between two sentences is not the end), then silent.
  await expect.poll(async () => captionsShown(await avatarLog(page)).at(-1), { timeout: 90_000 }).toMatch(/^Meanwhile, try/)
  await expect(caption(page)).toHaveCount(0, { timeout: 30_000 })
  await shot('2-greeted')

  // A long answer, said sentence by sentence; Stop silences it.
  await recordAvatar(page)
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me a story')
  await page.keyboard.press('Enter')
  const story = answers.nth(1)
  await expect(story).toHaveAttribute('aria-busy', 'true')
  // (On a busy machine the greeting's last sentence may still be said first: a gap in its voice looked like its end.)
  const opening = (log: AvatarMoment[]) => captionsShown(log).find((said) => said.startsWith('Here is a story'))
  await expect.poll(async () => opening(await avatarLog(page)), { timeout: 60_000 }).toBeDefined()
  await expect.poll(async () => widestMouth(await avatarLog(page)), { timeout: 30_000 }).toBeGreaterThan(0.2)
  // The story's first sentence is said with the smile its [happy] tag asks for.
  const storyLog = await avatarLog(page)
  expect(whileShown(storyLog, opening(storyLog) ?? '').map((moment) => moment.expression)).toContain('happy')
  // The sentence being said is marked in the answer, even as new words keep re-rendering it.
  await expect.poll(async () => {
    const { highlighted, caption: said } = (await page.evaluate(SPOKEN_AND_CAPTION)) as { highlighted: string[]; caption: string }
    return said !== '' && highlighted.length === 1 && highlighted[0] === said
  }).toBe(true)
  await shot('3-story-speaking')
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(caption(page)).toHaveCount(0)
  await expect.poll(() => mouth(page)).toBe(0)
  await expect(story).toHaveAttribute('aria-busy', 'false')
  await shot('4-stopped')

  // A background from the companion's own gallery.
  await page.getByRole('button', { name: 'Backgrounds' }).click()
  const gallery = page.getByRole('dialog', { name: 'Backgrounds' })
  await gallery.getByRole('button', { name: /starry night/i }).click()
  await expect(page.locator('.scene-background img')).toHaveAttribute('src', /\/v1\/bg\/starry-night\.png$/)
  await expect(page.locator('.scene-background img')).not.toHaveJSProperty('naturalWidth', 0)
  await page.keyboard.press('Escape')
  await expect(gallery).toBeHidden()

  // A character added as a YAML file shows up in the menu and can be chosen.
  await writeFile(join(mira.dataDir, 'companion', 'avatars', 'luna.yaml'), LUNA_YAML)
  await page.getByRole('button', { name: 'Character' }).click()
  const menu = page.getByRole('menu')
  await menu.getByRole('menuitemradio', { name: /Luna/ }).click()
  await expect(menu).toBeHidden()
  await expect(page.getByText('Character: Luna')).toBeVisible()
  await shot('5-night-and-luna')

  // Japanese, at once after Save.
  const dialog = await openSettings(page, 'Appearance')
  await dialog.locator('#settings-language').selectOption('ja')
  // The language shows at once, in the dialog too.
  await saveInLanguage(page, { dialog: '設定', save: '保存' })
  await expect(page.getByRole('status')).toHaveText('接続済み')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja')

  // A new conversation, then back to the first one: its messages come back from the history.
  await page.getByRole('button', { name: '会話', exact: true }).click()
  const drawer = page.getByRole('dialog', { name: '会話' })
  await drawer.getByRole('button', { name: '新しい会話' }).click()
  await expect(page.getByRole('article')).toHaveCount(0)
  await page.getByRole('button', { name: '会話', exact: true }).click()
  // Each item's first button opens it (rename and delete follow).
  await drawer.getByRole('button', { name: /^Hello!/ }).first().click()
  await expect(page.getByRole('article', { name: 'Mira' }).first()).toContainText('offline demo')
  await expect(page.getByText('Tell me a story', { exact: true })).toBeVisible()
  await shot('6-old-conversation-ja')
})
