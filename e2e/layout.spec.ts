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

test('Captions only folds the conversation away, keeps stage, caption and composer, and is remembered', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: ['Here I am, speaking.'] }, { tts: 'Here I am, speaking. This sentence keeps the voice going for a while, long enough to fold the log away.' }, { tts: 'And a second sentence, so that the caption is still there when the conversation has folded away.' }]
  const { page } = mira
  const toggle = page.getByRole('button', { name: 'Captions only' })
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('Here I am, speaking.')
  await page.screenshot({ path: testInfo.outputPath('narrow-log-shown.png') })

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(log).toBeHidden()
  await expect(page.getByRole('region', { name: 'Stage' })).toBeVisible()
  await expect(page.locator('[data-caption]')).toBeVisible()
  for (const control of [page.getByRole('textbox', { name: 'Message' }), page.getByRole('button', { name: 'Send' }), toggle]) {
    await expect(control).toBeInViewport()
  }
  expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
  await page.screenshot({ path: testInfo.outputPath('narrow-captions-only.png') })

  // Kept across a reload, and one click brings the conversation back.
  await page.reload()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(log).toBeHidden()
  await toggle.click()
  await expect(log).toBeVisible()
  await page.reload()
  await expect(page.getByRole('button', { name: 'Captions only' })).toHaveAttribute('aria-pressed', 'false')
  await expect(log).toBeVisible()
})

test.describe('in a 1100 px window', () => {
  test.use({ viewport: { width: 1100, height: 720 }, colorScheme: 'light' })

  test('Captions only gives the stage the whole width', async ({ mira, agent }, testInfo) => {
    agent.answer = () => [{ tokens: ['A wide stage.'] }, { tts: 'A wide stage, with its caption under the avatar while the voice goes on and on, long enough for a look at both layouts.' }, { tts: 'And a second sentence, so that the caption is still there when the conversation has folded away.' }]
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello')
    await page.keyboard.press('Enter')
    await expect(page.locator('[data-caption]')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('wide-log-shown.png') })
    await page.getByRole('button', { name: 'Captions only' }).click()
    await expect(page.getByRole('log', { name: 'Conversation' })).toBeHidden()
    const stage = await page.getByRole('region', { name: 'Stage' }).boundingBox()
    expect(stage?.width).toBe(1100)
    await expect(page.locator('[data-caption]')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('wide-captions-only.png') })
  })
})
