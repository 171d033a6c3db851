/**
 * A narrow window's conversation sheet follows the finger: swiped down by its bar it closes, swiped
 * up by the grip above the composer it opens again; a small nudge does neither. Mouse drags and
 * touch pointers both work (pointer events); the speech bubble at 390 px stays inside the window
 * and off the character's face.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

test.use({ viewport: { width: 390, height: 844 } })

/** A mouse drag from the middle of `from`, `dy` px down (negative: up), in small steps. */
async function drag(page: Page, from: Locator, dy: number): Promise<void> {
  const box = await from.boundingBox()
  if (!box) throw new Error('nothing to drag')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x, y + dy, { steps: 8 })
  await page.mouse.up()
}

/** The same with touch pointers, as a finger gives them (Chromium's touch emulation has no drag). */
async function touchDrag(from: Locator, dy: number): Promise<void> {
  const box = await from.boundingBox()
  if (!box) throw new Error('nothing to drag')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  const at = (clientY: number) => ({ pointerId: 7, pointerType: 'touch', isPrimary: true, button: 0, clientX: x, clientY, bubbles: true })
  await from.dispatchEvent('pointerdown', at(y))
  for (let step = 1; step <= 6; step++) await from.dispatchEvent('pointermove', at(y + (dy * step) / 6))
  await from.dispatchEvent('pointerup', at(y + dy))
}

test('swipe the sheet down to close it and up to open it, by mouse and by touch', async ({ mira }, testInfo) => {
  const { page } = mira
  const log = page.getByRole('log', { name: 'Conversation' })
  const toggle = page.getByRole('button', { name: 'Conversation log' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(log).toBeVisible()
  const bar = page.locator('.shell__conversation-bar')
  const peek = page.getByTestId('sheet-peek')

  // A nudge is not a swipe.
  await drag(page, bar, 12)
  await expect(log).toBeVisible()
  await drag(page, bar, 160)
  await expect(log).toBeHidden()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(peek).toBeInViewport()
  await page.screenshot({ path: testInfo.outputPath('sheet-closed.png') })
  await drag(page, peek, -140)
  await expect(log).toBeVisible()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')

  await touchDrag(bar, 150)
  await expect(log).toBeHidden()
  await touchDrag(peek, -150)
  await expect(log).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('sheet-open.png') })
})

test('on a wide window the drawer does not close by dragging', async ({ mira }) => {
  const { page } = mira
  await page.setViewportSize({ width: 1100, height: 720 })
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await drag(page, page.locator('.shell__conversation-bar'), 200)
  await expect(page.getByRole('button', { name: 'Conversation log' })).toHaveAttribute('aria-expanded', 'true')
  await expect(log).toBeVisible()
})

test('at 390 px the speech bubble is inside the window and below the character’s face', async ({ mira, agent }, testInfo) => {
  test.setTimeout(180_000)
  agent.answer = () => [
    { tokens: ['Here is what I think about it.'] },
    { tts: 'Here is what I think about it: a sentence long enough to wrap over a few lines of the bubble on a phone.' },
  ]
  // A minute of voice: the bubble is still there when it is measured, however busy the machine (it was not at load 18).
  agent.ttsDurationMs = () => 60_000
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('button', { name: 'Conversation log' }).click()
  await page.getByRole('textbox', { name: 'Message' }).fill('What do you think?')
  await page.keyboard.press('Enter')
  const bubble = page.locator('[data-caption]')
  // A last resort: the minute of voice is made and decoded first.
  await expect(bubble).toContainText('Here is what I think', { timeout: 60_000 })
  await page.screenshot({ path: testInfo.outputPath('bubble-390.png') })
  const box = await bubble.boundingBox()
  const figure = await page.locator('.avatar-stage__figure').boundingBox()
  if (!box || !figure) throw new Error('no bubble or no character')
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(390)
  expect(box.y + box.height).toBeLessThanOrEqual(844)
  // The face is the upper part of the figure: the bubble starts below it.
  expect(box.y).toBeGreaterThanOrEqual(figure.y + figure.height * 0.6)
})
