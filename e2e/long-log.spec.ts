/**
 * A long conversation renders only its recent entries (composables/windowed-log.ts): earlier ones
 * come back as the reader scrolls up (or presses the button), without moving what they read, and
 * the log still follows new answers at the bottom, where the window shrinks again.
 */
import type { Locator, Page } from '@playwright/test'
import { wordTokens } from '../test/support/fake-agent-scripts'
import { expect, test } from './fixtures'

const EXCHANGES = 45
/** Entries (messages and answers) the log renders while following the end. */
const WINDOW = 40

async function exchange(page: Page, n: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(`Question ${n}`)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' }).last()).toContainText(`Answer ${n}.`)
  await expect(page.getByRole('article', { name: 'Mira' }).last()).toHaveAttribute('aria-busy', 'false')
}

const distanceFromBottom = (log: Locator) => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)

test('a long log renders its recent entries, brings earlier ones back in place, and still follows', async ({ mira, agent }, testInfo) => {
  // Generous last resort for 45 exchanges on a loaded machine; every step waits on the page itself.
  test.setTimeout(240_000)
  agent.answer = (message) => [
    { tokens: wordTokens(`Answer ${message.content.replace(/\D/g, '')}. The river walk is long and quiet, best started early.`) },
  ]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  for (let n = 1; n <= EXCHANGES; n++) await exchange(page, n)

  const log = page.getByRole('log', { name: 'Conversation' })
  const articles = log.getByRole('article')
  const earlier = log.getByRole('button', { name: /Show earlier messages/ })
  await expect(articles).toHaveCount(WINDOW)
  await expect(earlier).toHaveText(`Show earlier messages (${2 * EXCHANGES - WINDOW} more)`)
  await expect(articles.first()).toContainText('Question 26')
  await expect.poll(() => distanceFromBottom(log)).toBeLessThan(2)

  // Scrolling to the top brings earlier entries back; what was at the top stays where it was on screen.
  // (The last answers replaced entries of the same height, so the log's size did not change as it followed.)
  const before = await log.evaluate((el, first) => {
    el.scrollTop = 0
    return first?.getBoundingClientRect().top ?? NaN
  }, await articles.first().elementHandle())
  await expect(articles).toHaveCount(WINDOW + 20)
  const moved = log.getByRole('article').filter({ hasText: 'Question 26' })
  await expect.poll(async () => Math.abs(((await moved.boundingBox())?.y ?? Infinity) - before)).toBeLessThan(2)
  await expect(articles.first()).toContainText('Question 16')
  await page.screenshot({ path: testInfo.outputPath('long-log-earlier.png') })

  // The button brings back a step of earlier entries, for a reader who does not scroll; the view stays put.
  const shown = await moved.boundingBox()
  await earlier.dispatchEvent('click')
  await expect(articles).toHaveCount(WINDOW + 40)
  await expect(articles.first()).toContainText('Question 6')
  await expect.poll(async () => Math.abs(((await moved.boundingBox())?.y ?? Infinity) - (shown?.y ?? NaN))).toBeLessThan(2)

  // Up at the top, the rest comes back.
  await expect
    .poll(async () => {
      await log.evaluate((el) => el.scrollTo({ top: 0 }))
      return articles.count()
    })
    .toBe(2 * EXCHANGES)
  await expect(earlier).toHaveCount(0)
  await expect(articles.first()).toContainText('Question 1')

  // Back at the bottom, a new answer is followed and the window shrinks to its size again.
  await log.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
  await exchange(page, EXCHANGES + 1)
  await expect.poll(() => distanceFromBottom(log)).toBeLessThan(2)
  await expect(articles).toHaveCount(WINDOW)
  await expect(articles.last()).toContainText(`Answer ${EXCHANGES + 1}.`)
  await page.screenshot({ path: testInfo.outputPath('long-log-following.png') })
})
