/** A message the server never starts answering does not block its conversation: after the deadline it is interrupted, with Retry. */
import { expect, slowAnswer, test } from './fixtures'
import { openSettings } from './support/settings'

test('a message whose answer never starts is marked interrupted after the deadline, and Retry asks again', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page, 'Advanced')
  await dialog.getByLabel('Answer start timeout (s)').fill('5')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()

  agent.dropMessages = true
  await page.getByRole('textbox', { name: 'Message' }).fill('Anyone there?')
  await page.keyboard.press('Enter')
  const mine = page.getByRole('article', { name: 'You' })
  // The deadline is 5 s; the wait allows for a loaded machine.
  await expect(mine).toContainText('The server did not start an answer within 5 s', { timeout: 30_000 })
  const retry = mine.getByRole('button', { name: 'Retry' })
  await expect(retry).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('answer-never-started.png') })

  agent.dropMessages = false
  agent.answer = slowAnswer('Here I am.', 10)
  await retry.click()
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('Here I am.')
  expect(agent.framesOfType('chat_message').map((r) => r.frame.content)).toEqual(['Anyone there?', 'Anyone there?'])
})
