/** A server that never stops answering: the app stops the turn at the text cap and stays usable. */
import { endlessAnswer, echoAnswer } from '../test/support/fake-agent-scripts'
import { MAX_TURN_TEXT } from '../src/shared/protocol/limits'
import { expect, test } from './fixtures'

test('an endless answer is stopped as too long, and the next message is answered', async ({ mira, agent }, testInfo) => {
  // A last resort, not a budget: reaching the cap means rendering megabytes of text, slow on a loaded machine.
  test.setTimeout(600_000)
  // Paragraphs (10 KB each: fewer frames to reach the cap), so the page renders blocks as for any long answer.
  agent.answer = endlessAnswer(`${'the answer goes on and on '.repeat(400)}\n\n`, { ceiling: 3 * MAX_TURN_TEXT })
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Talk forever')
  await page.keyboard.press('Enter')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer.getByText('Too long', { exact: true })).toBeVisible({ timeout: 480_000 })
  await expect(answer.getByText('The answer passed 4 MB of text, so Mira stopped it.')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('too-long.png') })

  agent.answer = echoAnswer
  await page.getByRole('textbox', { name: 'Message' }).fill('Still there?')
  await page.keyboard.press('Enter')
  await expect(answer.last()).toContainText('You said: Still there?', { timeout: 30_000 })
  expect(agent.framesOfType('interrupt_stream')).toHaveLength(1)
})
