/**
 * The microphone refused: in headless Chromium without a fake device there is no microphone to
 * allow, so clicking the mic says so in words, listening stays off, and nothing claims to hear.
 */
import { expect, test } from './fixtures'

test('no microphone: a clear note, the mic stays off, and it can be dismissed', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const mic = page.getByRole('button', { name: 'Talk to Mira (hands-free)' })
  await mic.click()
  const note = page.getByText('No microphone was found. Connect one, or choose another in Settings → Listening.')
  await expect(note).toBeVisible({ timeout: 30_000 })
  await expect(mic).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByText(/^Mic on · /)).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('no-microphone.png') })
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(note).toHaveCount(0)
})
