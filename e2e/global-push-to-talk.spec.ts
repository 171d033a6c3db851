/**
 * Settings → Listening offers a system-wide push-to-talk key; in web mode the host says it works
 * only in the desktop app, and the section says so in words (the desktop modes are covered by the
 * shell's unit tests and the main-process wiring test: no Electron binary here).
 */
import { expect, test } from './fixtures'
import { openSettings } from './support/settings'

test('in a browser, the system-wide push-to-talk key says it needs the desktop app', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page, 'Listening')
  const section = dialog.getByRole('region', { name: 'Listening' })
  const choice = section.getByRole('combobox', { name: 'Push-to-talk in any app' })
  const status = section.locator('#listen-global-status')
  await expect(choice).toHaveValue('')
  await expect(status).toHaveText('Only while Mira’s window has the focus (the push-to-talk key).')
  await choice.selectOption('F8')
  await expect(status).toHaveText('Works only in the desktop app: in a browser, use the push-to-talk key while Mira’s tab has the focus.')
  await expect(status).toHaveAttribute('data-mode', 'unavailable')
  await choice.scrollIntoViewIfNeeded()
  await section.screenshot({ path: testInfo.outputPath('global-ptt-web.png') })
  await choice.selectOption('')
  await expect(status).toHaveText('Only while Mira’s window has the focus (the push-to-talk key).')
})

test.describe('in Japanese', () => {
  test.use({ appLocale: 'ja-JP' })

  test('the system-wide key and its status are translated and fit', async ({ mira }, testInfo) => {
    const { page } = mira
    const dialog = await openSettings(page, '聞き取り', { button: '設定', dialog: '設定' })
    const section = dialog.getByRole('region', { name: '聞き取り' })
    const choice = section.getByRole('combobox', { name: 'ほかのアプリでもプッシュトゥトーク' })
    await choice.scrollIntoViewIfNeeded()
    await choice.selectOption('Ctrl+Alt+Space')
    await expect(section.locator('#listen-global-status')).toHaveText(/^デスクトップアプリでのみ使えます/)
    await section.locator('#listen-global-status').scrollIntoViewIfNeeded()
    await section.screenshot({ path: testInfo.outputPath('global-ptt-ja.png') })
    // Nothing sticks out of its column.
    const overflow = await section.locator('#listen-global-status').evaluate((p) => p.scrollWidth - p.clientWidth)
    expect(overflow).toBe(0)
  })
})
