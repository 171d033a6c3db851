/**
 * A token the server refuses: said once, in one sentence with the server's reason and the way to fix
 * it, with no pointless Reconnect now. Given at start (MIRA_TOKEN here), Settings cannot fix it and
 * is not offered; saved in Settings, Settings opens at the token field (settings.spec.ts).
 */
import { expect, test } from './fixtures'

test.use({ appToken: 'not-the-right-token' })

test('a rejected token is reported once, with the server’s reason and what to do', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  const host = new URL(agent.url).host
  const sentence = `${host} refused the token Mira was started with (--token or MIRA_TOKEN; Invalid authentication token): start Mira again with the right one.`
  await expect(page.getByRole('status')).toHaveText('Token refused')
  // Visible without hovering, and only once on screen (the pill carries it as its description, not as text).
  await expect(page.getByText(sentence)).toBeVisible()
  await expect(page.getByText('Invalid authentication token')).toHaveCount(1)
  await expect(page.getByRole('status')).toHaveAccessibleDescription(sentence)
  await expect(page.getByRole('button', { name: 'Reconnect now' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Open Settings' })).toHaveCount(0)
  const attempts = agent.framesOfType('authorize').length
  expect(attempts).toBeGreaterThan(0)
  await page.screenshot({ path: testInfo.outputPath('token-rejected.png') })
})
