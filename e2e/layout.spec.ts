/**
 * The narrowest supported window (360 px) in the dark scheme: everything reachable, nothing cut off;
 * the conversation folds away and comes back; the Chat layout is a choice that is remembered.
 */
import { expect, test } from './fixtures'
import { openSettings } from './support/settings'
import { HORIZONTAL_OVERFLOW, PREFERS_DARK } from './support/page-scripts'

test.use({ viewport: { width: 360, height: 720 }, colorScheme: 'dark' })

test('a 360 px wide dark window still has every control and shows the answer', async ({ mira, agent }, testInfo) => {
  agent.answer = (message) => [{ tokens: [`You said: ${message.content}`] }, { hang: true }]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  for (const control of [page.getByRole('textbox', { name: 'Message' }), page.getByRole('button', { name: 'Send' })]) {
    await expect(control).toBeInViewport()
  }
  await page.getByRole('textbox', { name: 'Message' }).fill('A long message that has to wrap over several lines on a narrow screen, without any horizontal scrolling.')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toContainText('You said: A long message')
  // Stop shows while there is an answer to stop, in reach too.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeInViewport()
  expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
  expect(await page.evaluate(PREFERS_DARK)).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('narrow-dark.png') })
})

test('closing the conversation leaves stage, caption and composer, and is remembered', async ({ mira, agent }, testInfo) => {
  test.setTimeout(180_000)
  agent.answer = () => [{ tokens: ['Here I am, speaking.'] }, { tts: 'Here I am, speaking, for a minute: long enough to fold the log away on however busy a machine.' }]
  // A minute of voice: the caption is still there when the conversation has folded away.
  agent.ttsDurationMs = () => 60_000
  const { page } = mira
  const toggle = page.getByRole('button', { name: 'Conversation log' })
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('Here I am, speaking.')
  await page.screenshot({ path: testInfo.outputPath('narrow-log-shown.png') })

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(log).toBeHidden()
  await expect(page.getByRole('region', { name: 'Stage' })).toBeVisible()
  // A last resort: the minute of voice is made and decoded first.
  await expect(page.locator('[data-caption]')).toBeVisible({ timeout: 60_000 })
  for (const control of [page.getByRole('textbox', { name: 'Message' }), page.getByRole('button', { name: 'Send' }), toggle]) {
    await expect(control).toBeInViewport()
  }
  expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
  await page.screenshot({ path: testInfo.outputPath('narrow-stage-only.png') })

  // Kept across a reload, and one click brings the conversation back.
  await page.reload()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(log).toBeHidden()
  await toggle.click()
  await expect(log).toBeVisible()
  await page.reload()
  await expect(page.getByRole('button', { name: 'Conversation log' })).toHaveAttribute('aria-expanded', 'true')
  await expect(log).toBeVisible()
})

test.describe('in a 1100 px window', () => {
  test.use({ viewport: { width: 1100, height: 720 }, colorScheme: 'light', conversationOpen: false })

  test('Companion gives the stage the whole width; Chat puts the conversation beside it, and is remembered', async ({ mira, agent }, testInfo) => {
    test.setTimeout(180_000)
    agent.answer = () => [{ tokens: ['A wide stage.'] }, { tts: 'A wide stage, with its caption under the avatar while the voice goes on and on, long enough for a look at both layouts.' }]
    // A minute of voice: the caption is still there when the layout has changed, however slowly the machine goes.
    agent.ttsDurationMs = () => 60_000
    const { page } = mira
    const stage = page.getByRole('region', { name: 'Stage' })
    const log = page.getByRole('log', { name: 'Conversation' })
    const chatLayout = page.getByRole('button', { name: 'Chat layout' })
    await expect(page.getByRole('status')).toHaveText('Connected')
    await expect(chatLayout).toHaveAttribute('aria-pressed', 'false')
    await expect(log).toBeHidden()
    expect((await stage.boundingBox())?.width).toBe(1100)
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello')
    await page.keyboard.press('Enter')
    // A last resort: the minute of voice is made and decoded first.
    await expect(page.locator('[data-caption]')).toBeVisible({ timeout: 60_000 })
    await page.screenshot({ path: testInfo.outputPath('wide-companion.png') })

    await chatLayout.click()
    await expect(chatLayout).toHaveAttribute('aria-pressed', 'true')
    await expect(log).toBeVisible()
    await expect(page.getByRole('button', { name: 'Conversation log' })).toHaveCount(0)
    const split = await stage.boundingBox()
    expect(split?.width).toBeLessThan(800)
    await expect(page.locator('[data-caption]')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('wide-chat.png') })

    await page.reload()
    await expect(page.getByRole('status')).toHaveText('Connected')
    await expect(chatLayout).toHaveAttribute('aria-pressed', 'true')
    await expect(log).toBeVisible()
    await chatLayout.click()
    await expect(log).toBeHidden()
    expect((await stage.boundingBox())?.width).toBe(1100)
  })

  test('Settings → Appearance → Layout previews at once; Cancel takes it back, Save keeps it', async ({ mira }) => {
    const { page } = mira
    const chatLayout = page.getByRole('button', { name: 'Chat layout' })
    await expect(page.getByRole('status')).toHaveText('Connected')
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    const open = async () => {
      await openSettings(page, 'Appearance')
    }
    await open()
    await dialog.getByLabel('Layout').selectOption('chat')
    await expect(chatLayout).toHaveAttribute('aria-pressed', 'true')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(chatLayout).toHaveAttribute('aria-pressed', 'false')
    await open()
    await expect(dialog.getByLabel('Layout')).toHaveValue('companion')
    await dialog.getByLabel('Layout').selectOption('chat')
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(chatLayout).toHaveAttribute('aria-pressed', 'true')
    await page.reload()
    await expect(page.getByRole('button', { name: 'Chat layout' })).toHaveAttribute('aria-pressed', 'true')
  })
})
