/**
 * A character that feels alive, read through the avatar's own state (`data-state`,
 * `data-expression`, `data-weight`, `data-reaction`, `data-mouth`): it greets at start, an emotion
 * holds through the sentences after it, the mouth opens visibly with the voice, a click startles and
 * delights it, it listens while the user types, and it looks sleepy or worried while offline.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'

/** ~135 characters: the fake TTS makes 1.5 s of tone from it. */
const LONG = (n: number): string => `Sentence ${n} is long enough to keep the voice busy for a good while, so the test can watch it closely and calmly, start to end.`

const avatar = (page: Page) => page.getByRole('img', { name: 'Mira' })

/** How tall the mouth is against the body, now (both in the drawing's own units). */
const MOUTH_TO_BODY = `(() => {
  const box = (part) => document.querySelector('[data-part="' + part + '"]').getBBox()
  return box('mouth').height / box('body').height
})()`

test.use({ conversationOpen: false, viewport: { width: 1280, height: 800 } })

test('greets at start, then holds each emotion until the next one, and fades after the answer', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [
    { tokens: ['Oh! Really? That is something.'], delayMs: 10 },
    { tts: LONG(0), emotion: 'surprised' },
    { tts: LONG(1) },
    { delayMs: 1_500 },
    { tts: LONG(2) },
    { tts: LONG(3), emotion: 'happy' },
  ]
  const { page } = mira
  await expect(avatar(page)).toHaveAttribute('data-state', 'greeting')
  await expect(avatar(page)).toHaveAttribute('data-expression', 'happy')
  await page.screenshot({ path: testInfo.outputPath('greeting.png') })
  await expect(avatar(page)).toHaveAttribute('data-state', 'idle', { timeout: 10_000 })

  await page.getByRole('textbox', { name: 'Message' }).fill('Guess what')
  await page.keyboard.press('Enter')
  const caption = page.locator('[data-caption]')
  await expect(caption).toHaveText(LONG(0), { timeout: 10_000 })
  await expect(avatar(page)).toHaveAttribute('data-expression', 'surprised')
  // The sentences without an emotion, and the pause between them, keep the surprise.
  await expect(caption).toHaveText(LONG(1), { timeout: 10_000 })
  await expect(avatar(page)).toHaveAttribute('data-expression', 'surprised')
  await expect(avatar(page)).toHaveAttribute('data-weight', '1.00')
  await expect(caption).toHaveText(LONG(2), { timeout: 10_000 })
  await expect(avatar(page)).toHaveAttribute('data-expression', 'surprised')
  await page.screenshot({ path: testInfo.outputPath('surprise-held.png') })
  // The mouth opens visibly with the voice: at least a twentieth of the body's height (sampled often,
  // as syllables open and close it).
  await expect.poll(() => page.evaluate(MOUTH_TO_BODY), { timeout: 10_000, intervals: [30] }).toBeGreaterThan(0.05)
  await expect(caption).toHaveText(LONG(3), { timeout: 10_000 })
  await expect(avatar(page)).toHaveAttribute('data-expression', 'happy')

  // After the voice: the mood lingers, fades (weights between 0 and 1), then rests neutral.
  await expect(caption).toHaveCount(0, { timeout: 10_000 })
  await expect.poll(async () => Number(await avatar(page).getAttribute('data-weight')), { timeout: 10_000 }).toBeLessThan(1)
  await expect(avatar(page)).toHaveAttribute('data-expression', 'neutral', { timeout: 10_000 })
})

test('startles at a click, then is delighted; listens while the user types', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(avatar(page)).toHaveAttribute('data-state', 'idle', { timeout: 10_000 })
  await avatar(page).click()
  await expect(avatar(page)).toHaveAttribute('data-reaction', 'poke')
  await expect(avatar(page)).toHaveAttribute('data-expression', 'happy')
  await page.screenshot({ path: testInfo.outputPath('poked.png') })
  await expect(avatar(page)).not.toHaveAttribute('data-reaction', 'poke', { timeout: 10_000 })

  await page.getByRole('textbox', { name: 'Message' }).pressSequentially('Hello the')
  await expect(avatar(page)).toHaveAttribute('data-state', 'listening')
  await page.screenshot({ path: testInfo.outputPath('listening.png') })
})

for (const [size, scheme] of [[{ width: 1280, height: 800 }, 'light'], [{ width: 390, height: 844 }, 'dark']] as const) {
  test(`looks sleepy while the server cannot be reached, worried while a token is refused (${size.width} ${scheme})`, async ({ lazyBrowser, target, agent }, testInfo) => {
    test.skip(target !== 'web', 'The server address is set on the web target')
    const dead = await launchWeb({ serverUrl: 'ws://127.0.0.1:1/v1/chat/stream', token: '', browser: lazyBrowser, viewport: size, colorScheme: scheme, locale: 'ja-JP' })
    try {
      await expect(avatar(dead.page)).toHaveAttribute('data-state', 'offline', { timeout: 15_000 })
      await expect(avatar(dead.page)).toHaveAttribute('data-expression', 'sleepy')
      await dead.page.screenshot({ path: testInfo.outputPath(`sleepy-${size.width}-${scheme}.png`) })
    } finally {
      await dead.close()
    }
    const refused = await launchWeb({ serverUrl: agent.url, token: 'not-the-right-token', browser: lazyBrowser, viewport: size, colorScheme: scheme })
    try {
      await expect(avatar(refused.page)).toHaveAttribute('data-state', 'offline', { timeout: 15_000 })
      await expect(avatar(refused.page)).toHaveAttribute('data-expression', 'sad')
      await refused.page.screenshot({ path: testInfo.outputPath(`worried-${size.width}-${scheme}.png`) })
    } finally {
      await refused.close()
    }
  })
}
