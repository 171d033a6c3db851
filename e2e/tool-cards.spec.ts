/**
 * Tool cards that fit: friendly titles ("Checked the clock · 9:16"), the raw name when opened, and
 * long values wrapping or scrolling inside their own box: the log and the page never scroll sideways.
 */
import { expect, test } from './fixtures'
import { HORIZONTAL_OVERFLOW } from './support/page-scripts'

/** How far the conversation log is wider than its box. */
const LOG_OVERFLOW = `(() => { const log = document.querySelector('[role="log"]'); return log.scrollWidth - log.clientWidth })()`

const LONG_VALUE = `https://example.com/${'a-very-long-path-segment-'.repeat(12)}?and=${'x'.repeat(120)}`

for (const { size, scheme, locale, clock } of [
  { size: { width: 1280, height: 800 }, scheme: 'light' as const, locale: 'en-US', clock: 'Checked the clock' },
  { size: { width: 390, height: 844 }, scheme: 'dark' as const, locale: 'ja-JP', clock: '時計を確認しました' },
]) {
  test.describe(`${size.width}×${size.height} ${locale} ${scheme}`, () => {
    test.use({ viewport: size, colorScheme: scheme, appLocale: locale })

    test('tool cards say what was done and keep long values inside their box', async ({ mira, agent }, testInfo) => {
      agent.answer = () => [
        { tool: 'get_current_time', args: {}, result: { local: '2026-12-03T09:16:05+09:00', text: 'Thursday' } },
        { tool: 'fetch_page', args: { url: LONG_VALUE, options: { nested: { deeper: LONG_VALUE } } }, result: { body: LONG_VALUE, lines: [LONG_VALUE, LONG_VALUE] } },
        { tokens: ['Done. ', LONG_VALUE] },
      ]
      const { page } = mira
      await page.getByRole('textbox').fill('What time is it?')
      await page.keyboard.press('Enter')
      const cards = page.getByRole('log').getByRole('group')
      await expect(cards).toHaveCount(2)
      await expect(cards.first().locator('summary')).toContainText(`${clock}`)
      await expect(cards.first().locator('summary')).toContainText('9:16')
      for (const summary of await cards.locator('summary').all()) await summary.click()
      await expect(cards.first()).toContainText('get_current_time')
      await expect(cards.nth(1)).toContainText('fetch_page')
      await expect(cards.nth(1).locator('pre').first()).toBeVisible()
      expect(await page.evaluate(LOG_OVERFLOW)).toBe(0)
      expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
      // Each card stays inside the window.
      for (const card of await cards.all()) {
        const box = await card.boundingBox()
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(size.width)
      }
      await cards.nth(1).scrollIntoViewIfNeeded()
      await page.screenshot({ path: testInfo.outputPath(`tool-cards-${size.width}-${scheme}.png`) })
    })
  })
}
