/** Backgrounds from the server and solid colours (kept across reloads), and switching the character. */
import { expect, test } from './fixtures'

test('a background from the server, then a colour, each kept after a reload', async ({ mira }, testInfo) => {
  const { page } = mira
  const layer = page.locator('.scene-background')
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('button', { name: 'Backgrounds' }).click()
  const gallery = page.getByRole('dialog', { name: 'Backgrounds' })
  const night = gallery.getByRole('button', { name: 'Night', exact: true })
  await expect(night).toBeVisible()
  await expect(gallery.getByRole('button', { name: 'Beach', exact: true })).toBeVisible()
  // The thumbnails are the server's own images (a tiny PNG each).
  await expect(night.locator('img')).toHaveJSProperty('complete', true)
  await expect(night.locator('img')).not.toHaveJSProperty('naturalWidth', 0)
  await expect(gallery.getByRole('button', { name: 'Default' })).toHaveAttribute('aria-pressed', 'true')

  await night.click()
  await expect(night).toHaveAttribute('aria-pressed', 'true')
  await expect(layer.locator('img')).toHaveAttribute('src', /\/v1\/bg\/night\.jpg$/)
  await page.screenshot({ path: testInfo.outputPath('gallery.png') })

  await page.reload()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(layer.locator('img')).toHaveAttribute('src', /\/v1\/bg\/night\.jpg$/)

  await page.getByRole('button', { name: 'Backgrounds' }).click()
  await gallery.getByRole('button', { name: 'Plum' }).click()
  await expect(layer).toHaveCSS('background-color', 'rgb(59, 43, 70)')
  await expect(layer.locator('img')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(gallery).toBeHidden()
  await expect(page.getByRole('button', { name: 'Backgrounds' })).toBeFocused()
  await page.reload()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(layer).toHaveCSS('background-color', 'rgb(59, 43, 70)')
  await page.screenshot({ path: testInfo.outputPath('colour.png') })

  await page.getByRole('button', { name: 'Backgrounds' }).click()
  await gallery.getByRole('button', { name: 'Transparent' }).click()
  await expect(page.getByRole('region', { name: 'Stage' })).toHaveCSS('background-image', 'none')
})

test('choosing another character shows its name', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('button', { name: 'Character' }).click()
  const menu = page.getByRole('menu', { name: 'Character' })
  const shizuku = menu.getByRole('menuitemradio', { name: /Shizuku/ })
  await expect(shizuku).toBeVisible()
  await expect(menu.getByRole('menuitemradio', { name: /Mira/ })).toBeVisible()
  await expect(menu.getByRole('menuitemradio', { name: /Mira/ })).toBeFocused()
  await page.screenshot({ path: testInfo.outputPath('character-menu.png') })
  await page.keyboard.press('ArrowDown')
  await expect(shizuku).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(menu).toBeHidden()
  await expect(page.getByRole('region', { name: 'Stage' }).getByText('Shizuku')).toBeVisible()
  await page.getByRole('button', { name: 'Character' }).click()
  await expect(shizuku).toHaveAttribute('aria-checked', 'true')
  await page.screenshot({ path: testInfo.outputPath('character-switched.png') })
})
