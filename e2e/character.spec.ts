/**
 * A character that feels alive, read through the avatar's own state (`data-state`,
 * `data-expression`, `data-weight`, `data-reaction`, `data-mouth`): it greets at start, an emotion
 * holds through the sentences after it, the mouth opens visibly with the voice, a click startles and
 * delights it, it listens while the user types, and it looks sleepy or worried while offline.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { avatarLog, captionsShown, recordAvatar, whileShown } from './support/avatar-log'
import { launchWeb } from './support/launch'

/** ~135 characters: the fake TTS makes 1.5 s of tone from it. */
const LONG = (n: number): string => `Sentence ${n} is long enough to keep the voice busy for a good while, so the test can watch it closely and calmly, start to end.`

const avatar = (page: Page) => page.getByRole('img', { name: 'Mira' })

// Recorded from the first moment: the greeting at start may be over before a busy machine lets the test look.
test.use({ conversationOpen: false, recordAvatar: true, viewport: { width: 1280, height: 800 } })

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
  const greeted = async () => (await avatarLog(page)).some((moment) => moment.state === 'greeting' && moment.expression === 'happy')
  await expect.poll(greeted, { timeout: 30_000 }).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('greeting.png') })
  await expect(avatar(page)).toHaveAttribute('data-state', 'idle', { timeout: 30_000 })

  await recordAvatar(page)
  await page.getByRole('textbox', { name: 'Message' }).fill('Guess what')
  await page.keyboard.press('Enter')
  await expect.poll(async () => captionsShown(await avatarLog(page))).toContain(LONG(2))
  await page.screenshot({ path: testInfo.outputPath('surprise-held.png') })
  await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual([LONG(0), LONG(1), LONG(2), LONG(3)])
  const log = await avatarLog(page)
  const spoken = (n: number) => whileShown(log, LONG(n))
  expect(spoken(0).map((m) => m.expression)).toContain('surprised')
  // The sentences without an emotion (and any pause between them) keep the surprise at its full weight.
  const from = log.indexOf(spoken(1)[0]!)
  const to = log.lastIndexOf(spoken(2).at(-1)!)
  const held = log.slice(from, to + 1)
  expect(new Set(held.map((m) => m.expression))).toEqual(new Set(['surprised']))
  expect(spoken(1).at(-1)?.weight).toBe(1)
  expect(spoken(2).at(-1)?.weight).toBe(1)
  // The mouth opens visibly with the voice: at least a twentieth of the body's height.
  expect(Math.max(...log.map((m) => m.mouthToBody))).toBeGreaterThan(0.05)
  expect(spoken(3).map((m) => m.expression)).toContain('happy')

  // After the voice: the mood lingers, fades (weights between 0 and 1), then rests neutral.
  const caption = page.locator('[data-caption]')
  await expect(caption).toHaveCount(0, { timeout: 30_000 })
  await expect.poll(async () => Number(await avatar(page).getAttribute('data-weight')), { timeout: 30_000 }).toBeLessThan(1)
  await expect(avatar(page)).toHaveAttribute('data-expression', 'neutral', { timeout: 30_000 })
})

test('startles at a click, then is delighted; listens while the user types', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(avatar(page)).toHaveAttribute('data-state', 'idle', { timeout: 30_000 })
  await avatar(page).click()
  await expect(avatar(page)).toHaveAttribute('data-reaction', 'poke')
  await expect(avatar(page)).toHaveAttribute('data-expression', 'happy')
  await page.screenshot({ path: testInfo.outputPath('poked.png') })
  await expect(avatar(page)).not.toHaveAttribute('data-reaction', 'poke', { timeout: 30_000 })

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
