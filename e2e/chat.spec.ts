/** Talking to Mira: accessible controls, streamed answers, and stopping an answer. */
import { longAnswer } from '../test/support/fake-agent-scripts'
import { expect, slowAnswer, test } from './fixtures'
import { COUNT_LOG_RENDERS, LOG_RENDERS } from './support/page-scripts'

const ANSWER = 'Once upon a time there was a small robot who loved to count the stars over the quiet sea.'

test('the main controls have their accessible names', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(page.getByRole('log', { name: 'Conversation' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden()
  await page.screenshot({ path: testInfo.outputPath('idle.png') })
})

test('tokens stream into the log, then the final text replaces them', async ({ mira, agent }, testInfo) => {
  agent.answer = slowAnswer(ANSWER, 120)
  const { page } = mira
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me a story')
  await page.keyboard.press('Enter')

  await expect(log.getByRole('article', { name: 'You' })).toHaveText('Tell me a story')
  const answer = log.getByRole('article', { name: 'Mira' })
  // Part of the answer is on screen while the rest is still on its way.
  await expect(answer).toContainText('Once upon a time')
  const partial = await answer.innerText()
  expect(partial).not.toContain('quiet sea.')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled()
  await page.screenshot({ path: testInfo.outputPath('streaming.png') })

  await expect(answer).toHaveText(ANSWER, { timeout: 30_000 })
  await expect(answer).toHaveAttribute('aria-busy', 'false')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden()
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('')
  await page.screenshot({ path: testInfo.outputPath('answered.png') })
})

test('Shift+Enter makes a new line instead of sending', async ({ mira, agent }) => {
  const { page } = mira
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('first line')
  await box.press('Shift+Enter')
  await box.pressSequentially('second line')
  await expect(box).toHaveValue('first line\nsecond line')
  await box.press('Enter')
  await expect(page.getByRole('article', { name: 'You' })).toHaveText('first line\nsecond line')
  await agent.waitForFrame((f) => f.type === 'chat_message' && f.content === 'first line\nsecond line')
})

test('what is typed survives a reload of the page, and is gone once sent', async ({ mira, agent }) => {
  const { page } = mira
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('half a thought')
  await page.reload()
  await expect(box).toHaveValue('half a thought')
  await expect(page.getByRole('status')).toHaveText('Connected')
  await box.press('Enter')
  await agent.waitForFrame((f) => f.type === 'chat_message' && f.content === 'half a thought')
  await page.reload()
  await expect(box).toHaveValue('')
})

test('Stop interrupts the answer', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: ['Counting: ', 'one, ', 'two, ', 'three, '], delayMs: 60 }, { hang: true }]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Count forever')
  await page.getByRole('button', { name: 'Send' }).click()
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toContainText('three,')

  await page.getByRole('button', { name: 'Stop' }).click()
  await agent.waitForFrame((f) => f.type === 'interrupt_stream')
  await expect(answer).toContainText('Stopped')
  await expect(answer).toHaveAttribute('aria-busy', 'false')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden()
  // The focus is not dropped on the page: typing goes on in the message box.
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
  await page.screenshot({ path: testInfo.outputPath('stopped.png') })
})

test('Esc interrupts the answer from anywhere', async ({ mira, agent }) => {
  agent.answer = () => [{ tokens: ['Listening'], delayMs: 10 }, { hang: true }]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Wait for it')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toContainText('Listening')
  await page.getByRole('log', { name: 'Conversation' }).click()
  await page.keyboard.press('Escape')
  await agent.waitForFrame((f) => f.type === 'interrupt_stream')
  await expect(page.getByRole('article', { name: 'Mira' })).toContainText('Stopped')
})

test('a flood of 10 000 tokens costs far fewer than 10 000 renders', async ({ mira, agent }) => {
  // The whole flood streams before the checks: a last resort of minutes for a busy machine.
  test.setTimeout(180_000)
  agent.answer = longAnswer(10_000)
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  // Counts DOM changes in the log: one per render of the answer, not one per token.
  await page.evaluate(COUNT_LOG_RENDERS)
  await page.getByRole('textbox', { name: 'Message' }).fill('Count to ten thousand')
  await page.keyboard.press('Enter')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 150_000 })
  await expect(answer).toContainText('w0 w1 w2')
  await expect(answer).toContainText('w9998 w9999')
  const renders = await page.evaluate(LOG_RENDERS)
  expect(renders).toBeGreaterThan(0)
  expect(renders).toBeLessThan(1_000)
})

test('↑ in an empty composer brings the last message back to edit; Ctrl+K focuses the composer from anywhere', async ({ mira, agent }) => {
  const { page } = mira
  const box = page.getByRole('textbox', { name: 'Message' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await box.fill('First question')
  await box.press('Enter')
  await box.fill('Second question')
  await box.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveCount(2)

  // Not while something is typed: ↑ then moves the caret as usual.
  await box.fill('draft')
  await box.press('ArrowUp')
  await expect(box).toHaveValue('draft')
  await box.fill('')
  await box.press('ArrowUp')
  await expect(box).toHaveValue('Second question')
  await expect(box).toBeFocused()
  await box.press('End')
  await box.pressSequentially(', again')
  await box.press('Enter')
  await agent.waitForFrame((f) => f.type === 'chat_message' && f.content === 'Second question, again')

  // Ctrl+K from a button elsewhere on the page, and Meta+K (⌘K) as on a Mac.
  await page.getByRole('button', { name: 'Conversations' }).focus()
  await page.keyboard.press('Control+k')
  await expect(box).toBeFocused()
  await page.getByRole('article', { name: 'Mira' }).first().getByRole('button', { name: 'Copy' }).focus()
  await page.keyboard.press('Meta+k')
  await expect(box).toBeFocused()
})

