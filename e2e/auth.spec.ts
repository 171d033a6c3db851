/** A token the server refuses: the status says so, and the hint shows the server’s reason. */
import { expect, test } from './fixtures'

test.use({ appToken: 'not-the-right-token' })

test('a rejected token is reported, with the server’s reason', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Token rejected — check Settings')
  await expect(page.getByText('Invalid authentication token')).toBeVisible()
  const attempts = agent.framesOfType('authorize').length
  expect(attempts).toBeGreaterThan(0)
  await page.screenshot({ path: testInfo.outputPath('token-rejected.png') })
})
