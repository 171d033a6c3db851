/**
 * The settings dialog's sections: a side navigation (a row of tabs on a narrow window) worked by
 * mouse and keyboard, user-facing fields before the developer ones under Advanced, sections that do
 * not apply hidden, the language previewed like the theme, the offline voice picked from a list and
 * heard with Test, and the server and token given at start named as such.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openSettings, showSection } from './support/settings'
import { HORIZONTAL_OVERFLOW } from './support/page-scripts'

const tabNames = (page: Page) => page.getByRole('dialog', { name: 'Settings' }).getByRole('tab').allInnerTexts()

test('sections one at a time, by click and by arrow keys; Esc closes', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page)
  const connection = dialog.getByRole('tab', { name: 'Connection' })
  await expect(connection).toHaveAttribute('aria-selected', 'true')
  expect(await tabNames(page)).toEqual(['Connection', 'Built-in server', 'Voice', 'Listening', 'Character', 'Appearance', 'Advanced'])
  // Developer fields are not on the first page; they are under Advanced.
  await expect(dialog.getByLabel('Agent id')).toBeHidden()
  await page.screenshot({ path: testInfo.outputPath('settings-connection.png') })

  await connection.focus()
  await page.keyboard.press('ArrowDown')
  await expect(dialog.getByRole('tab', { name: 'Built-in server' })).toBeFocused()
  await expect(dialog.getByRole('tabpanel', { name: 'Built-in server' })).toBeVisible()
  await page.keyboard.press('End')
  await expect(dialog.getByRole('tab', { name: 'Advanced' })).toBeFocused()
  await expect(dialog.getByLabel('Agent id')).toBeVisible()
  await expect(dialog.getByLabel('Silence timeout (s)')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('settings-advanced.png') })
  await page.keyboard.press('ArrowDown')
  await expect(connection).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await expect(dialog.getByRole('tab', { name: 'Appearance' })).toHaveAttribute('aria-selected', 'true')
  // Tab leaves the navigation for the section.
  await page.keyboard.press('Tab')
  await expect(dialog.getByLabel('Layout')).toBeFocused()

  await showSection(dialog, 'Character')
  await expect(dialog.getByLabel('Your name')).toBeVisible()
  await expect(dialog.getByRole('region', { name: 'Live2D runtime' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  // Opened again: at the top, on Connection.
  await openSettings(page)
  await expect(connection).toHaveAttribute('aria-selected', 'true')
})

test('the server given at start is named, not "Built-in"; the given token is said to win', async ({ mira }) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page)
  const given = dialog.getByTestId('server-given')
  await expect(given).toContainText('In use now, as given when Mira was started:')
  await expect(given).toContainText(/ws:\/\/127\.0\.0\.1:\d+\/v1\/chat\/stream/)
  await expect(given).toContainText('--token or MIRA_TOKEN')
  // The radios are the saved choice, under their own heading.
  await expect(dialog.getByRole('radiogroup', { name: 'Saved choice' })).toBeVisible()
  await dialog.getByRole('radio', { name: /Custom/ }).check()
  await expect(dialog.getByRole('group', { name: 'Token' })).toContainText('The token given at start is in use')
  await dialog.getByRole('group', { name: 'Token' }).getByRole('button', { name: 'Replace' }).click()
  await expect(dialog.getByLabel('Token', { exact: true })).toHaveAccessibleDescription(/it is used for this run, whatever is saved here/)
  // A custom server: the built-in server's section does not apply.
  await expect(dialog.getByRole('tab', { name: 'Built-in server' })).toHaveCount(0)
  await dialog.getByRole('radio', { name: /Built-in/ }).check()
  await expect(dialog.getByRole('tab', { name: 'Built-in server' })).toBeVisible()
})

test('an invalid field in another section is shown and focused on Save', async ({ mira }) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page, 'Advanced')
  await dialog.getByLabel('User id').fill(' ')
  await showSection(dialog, 'Appearance')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('tab', { name: 'Advanced' })).toHaveAttribute('aria-selected', 'true')
  await expect(dialog.getByLabel('User id')).toBeFocused()
  await expect(dialog.getByLabel('User id')).toHaveAccessibleErrorMessage('Must not be empty')
})

test('the language previews at once; Cancel takes it back, Save keeps it', async ({ mira }) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page, 'Appearance')
  await dialog.getByLabel('Language').selectOption('ja')
  const ja = page.getByRole('dialog', { name: '設定' })
  await expect(ja.getByRole('tab', { name: '外観' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja')
  await ja.getByRole('button', { name: 'キャンセル' }).click()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  const again = await openSettings(page, 'Appearance')
  await again.getByLabel('Language').selectOption('ko')
  await page.getByRole('dialog', { name: '설정' }).getByRole('button', { name: '저장' }).click()
  await expect(page.getByRole('status')).toHaveText('연결됨')
})

test('the offline voice is picked from the list and heard with Test', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const dialog = await openSettings(page, 'Built-in server')
  const voice = dialog.getByLabel('Offline voice')
  await expect(voice.locator('option', { hasText: 'Korean (ko)' })).toHaveCount(1)
  expect(await voice.locator('option').count()).toBeGreaterThan(50)
  await voice.selectOption('ko')
  await dialog.getByRole('button', { name: 'Test', exact: true }).click()
  await expect(dialog.getByText('That was the sample.')).toBeVisible({ timeout: 20_000 })
  await page.screenshot({ path: testInfo.outputPath('settings-voice-list.png') })
})

for (const size of [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size })
    // One app per size: the colour scheme is switched in place (the styles follow prefers-color-scheme live).
    test('every section fits, light and dark', async ({ mira }, testInfo) => {
      const { page } = mira
      await expect(page.getByRole('status')).toHaveText('Connected')
      const dialog = await openSettings(page)
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark')
        for (const name of await tabNames(page)) {
          await showSection(dialog, name)
          // The dialog fits the window; its navigation scrolls inside itself.
          expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBeLessThanOrEqual(0)
          const box = await dialog.boundingBox()
          expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= size.width).toBe(true)
          const panel = dialog.locator(`[role="tabpanel"]:visible`)
          expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
          await page.screenshot({ path: testInfo.outputPath(`settings-${size.width}-${scheme}-${name.toLowerCase().replace(/\W+/g, '-')}.png`) })
        }
      }
    })
  })
}

for (const { locale, settings, first } of [
  { locale: 'ja-JP', settings: '設定', first: '接続' },
  { locale: 'ko-KR', settings: '설정', first: '연결' },
]) {
  test.describe(`in ${locale} at 390×844 and 1280×800, dark`, () => {
    test.use({ appLocale: locale, colorScheme: 'dark', viewport: { width: 390, height: 844 } })

    test('every section fits and reads in the language', async ({ mira }, testInfo) => {
      const { page } = mira
      const dialog = await openSettings(page, undefined, { button: settings, dialog: settings })
      await expect(dialog.getByRole('tab', { name: first })).toHaveAttribute('aria-selected', 'true')
      for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
        await page.setViewportSize(size)
        for (const tab of await dialog.getByRole('tab').all()) {
          await tab.click()
          await expect(tab).toHaveAttribute('aria-selected', 'true')
          expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBeLessThanOrEqual(0)
          const panel = dialog.locator('[role="tabpanel"]:visible')
          expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
          await page.screenshot({ path: testInfo.outputPath(`${locale}-${size.width}-${await tab.getAttribute('id')}.png`) })
        }
      }
    })
  })
}
