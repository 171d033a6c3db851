/** Offline: a message typed while the server is away waits, then goes out exactly once. */
import { expect, slowAnswer, test } from './fixtures'

test('a message typed offline is queued, then delivered once when the server is back', async ({ mira, agent }, testInfo) => {
  // The link's own backoff decides when it comes back: allow it a few of its steps.
  test.setTimeout(60_000)
  const { page } = mira
  const status = page.getByRole('status')
  await expect(status).toHaveText('Connected')

  await agent.stop()
  await expect(status).toHaveText(/^Reconnecting( in \d+ s)?$/)
  await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?')
  await page.keyboard.press('Enter')
  const mine = page.getByRole('article', { name: 'You' })
  await expect(mine).toContainText('Are you there?')
  await expect(mine).toContainText('Queued')
  await page.screenshot({ path: testInfo.outputPath('queued.png') })

  agent.answer = slowAnswer('Yes, I am back.', 20)
  await agent.restart()
  await expect(status).toHaveText('Connected', { timeout: 20_000 })
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('Yes, I am back.', { timeout: 30_000 })
  await expect(mine).not.toContainText('Queued')
  const sent = agent.framesOfType('chat_message').filter((r) => r.frame.content === 'Are you there?')
  expect(sent).toHaveLength(1)
  await page.screenshot({ path: testInfo.outputPath('delivered.png') })
})
