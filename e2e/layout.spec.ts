/** The narrowest supported window (360 px) in the dark scheme: everything reachable, nothing cut off. */
import { expect, test } from './fixtures'
import { HORIZONTAL_OVERFLOW, PREFERS_DARK } from './support/page-scripts'

test.use({ viewport: { width: 360, height: 720 }, colorScheme: 'dark' })

test('a 360 px wide dark window still has every control and shows the answer', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  for (const control of [page.getByRole('textbox', { name: 'Message' }), page.getByRole('button', { name: 'Send' }), page.getByRole('button', { name: 'Stop' })]) {
    await expect(control).toBeInViewport()
  }
  await page.getByRole('textbox', { name: 'Message' }).fill('A long message that has to wrap over several lines on a narrow screen, without any horizontal scrolling.')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toContainText('You said: A long message')
  expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
  expect(await page.evaluate(PREFERS_DARK)).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('narrow-dark.png') })
})
