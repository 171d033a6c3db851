/**
 * Long streamed answers: rendered block by block, kept as they are when the final text arrives,
 * and followed by the log while the reader is at the bottom (and only then).
 */
import type { Page } from '@playwright/test'
import { wordTokens } from '../test/support/fake-agent-scripts'
import { expect, test } from './fixtures'

const TEXT = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${'the river walk is long and quiet '.repeat(6).trim()}.`).join('\n\n')

async function ask(page: Page): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me about the walk')
  await page.keyboard.press('Enter')
}

test('the final text keeps the streamed blocks, and the log follows the answer', async ({ mira, agent }, testInfo) => {
  test.setTimeout(180_000)
  agent.answer = () => [{ tokens: wordTokens(TEXT), delayMs: 3 }]
  const { page } = mira
  await ask(page)
  const answer = page.getByRole('article', { name: 'Mira' })
  const blocks = answer.locator('.md__block')
  await expect.poll(() => blocks.count()).toBeGreaterThan(3)
  // Marks a block that closed while streaming: the same node must still be there at the end.
  await blocks.first().evaluate((el) => el.setAttribute('data-streamed', ''))
  // A last resort of minutes: the whole answer streams first, slowly on a busy machine.
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 150_000 })
  await expect(answer).toContainText('Paragraph 39:')
  await expect(blocks.first()).toHaveAttribute('data-streamed', '')
  await expect(blocks.first()).toHaveText(/^Paragraph 0:/)
  await expect(answer.locator('p')).toHaveCount(40)
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect.poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2)
  expect(await log.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
  await page.screenshot({ path: testInfo.outputPath('long-answer-end.png') })
})

test('the log leaves a reader who scrolled up where they are', async ({ mira, agent }) => {
  // The whole answer streams before the last check: a last resort of minutes for a busy machine.
  test.setTimeout(180_000)
  agent.answer = () => [{ tokens: wordTokens(TEXT), delayMs: 6 }]
  const { page } = mira
  await ask(page)
  const log = page.getByRole('log', { name: 'Conversation' })
  // Well past the 64 px the log still counts as "at the bottom", so scrolling to the top is a real move away.
  await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBeGreaterThan(200)
  await log.evaluate((el) => el.scrollTo({ top: 0 }))
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 150_000 })
  await expect(answer).toContainText('Paragraph 39:')
  expect(await log.evaluate((el) => el.scrollTop)).toBe(0)
})
