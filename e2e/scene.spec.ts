/** Backgrounds from the server, the user's own images and solid colours (kept across reloads), and switching the character. */
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { expect, test } from './fixtures'
import { HORIZONTAL_OVERFLOW } from './support/page-scripts'

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
  // Chosen and focused look different: the chosen tile an inner ring, the focused one the outer outline.
  const beach = gallery.getByRole('button', { name: 'Beach', exact: true })
  await night.press('Tab')
  await expect(beach).toBeFocused()
  await expect(beach).toHaveCSS('outline-style', 'solid')
  await expect(beach).toHaveCSS('box-shadow', 'none')
  await expect(night).toHaveCSS('outline-style', 'none')
  await expect(night).not.toHaveCSS('box-shadow', 'none')
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
  // The character's name is the window's title now (the stage no longer repeats it).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Character: Shizuku')
  await page.getByRole('button', { name: 'Character' }).click()
  await expect(shizuku).toHaveAttribute('aria-checked', 'true')
  await page.screenshot({ path: testInfo.outputPath('character-switched.png') })
})

/** A `size`×`size` PNG of one colour, made here so the test owns every byte. */
function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

test("the user's own image: added with the file picker, applied, kept after a reload, a non-image refused, removed", async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  const layer = page.locator('.scene-background')
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
  await page.getByRole('button', { name: 'Backgrounds' }).click()
  const gallery = page.getByRole('dialog', { name: 'Backgrounds' })
  const picker = gallery.locator('input[type="file"]')

  // A text file named like an image is refused here, and nothing reaches the data dir.
  await picker.setInputFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') })
  await expect(gallery.getByRole('alert')).toHaveText('That file is not an image Mira can use. Choose a PNG, JPEG, WebP or GIF.')
  expect(await storedImages(dataDir)).toEqual([])

  await picker.setInputFiles({ name: 'Red square.png', mimeType: 'image/png', buffer: solidPng(8, [220, 30, 40]) })
  const tile = gallery.getByRole('button', { name: 'Red square', exact: true })
  await expect(tile).toHaveAttribute('aria-pressed', 'true')
  await expect(gallery.getByRole('alert')).toHaveCount(0)
  await expect(tile.locator('img')).not.toHaveJSProperty('naturalWidth', 0)
  // On the stage: the host's own URL, loaded (the CSP and the route let it through), 8 px wide.
  const image = layer.locator('img')
  await expect(image).toHaveAttribute('src', /^\/local-backgrounds\/[\w-]+\/[a-f0-9]{32}\.png$/)
  await expect(image).toHaveJSProperty('naturalWidth', 8)
  expect(await storedImages(dataDir)).toHaveLength(1)
  await page.screenshot({ path: testInfo.outputPath('own-image.png') })

  await page.reload()
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
  await expect(image).toHaveJSProperty('naturalWidth', 8)

  await page.getByRole('button', { name: 'Backgrounds' }).click()
  await gallery.getByRole('button', { name: 'Remove Red square' }).click()
  await expect(gallery.getByText('Remove “Red square”?')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('own-image-remove.png') })
  await gallery.getByRole('button', { name: 'Keep' }).click()
  await expect(tile).toBeVisible()
  await gallery.getByRole('button', { name: 'Remove Red square' }).click()
  await gallery.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(tile).toHaveCount(0)
  await expect(gallery.getByRole('button', { name: 'Default' })).toHaveAttribute('aria-pressed', 'true')
  await expect(image).toHaveCount(0)
  expect(await storedImages(dataDir)).toEqual([])
})

test('an image dropped on the stage becomes the background; a chosen image that is gone leaves the default with a note', async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
  const stage = page.getByRole('region', { name: 'Stage' })
  const bytes = solidPng(6, [40, 90, 200])
  // A DataTransfer holding the file, as the OS gives the page on a drop (a string: it runs in the page).
  const transfer = await page.evaluateHandle(
    `(() => { const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(${JSON.stringify([...bytes])})], 'Blue.png', { type: 'image/png' })); return dt })()`,
  )
  await stage.dispatchEvent('dragenter', { dataTransfer: transfer })
  await expect(stage.getByRole('status')).toHaveText('Drop the image to use it as the background')
  await stage.dispatchEvent('dragover', { dataTransfer: transfer })
  await stage.dispatchEvent('drop', { dataTransfer: transfer })
  const image = page.locator('.scene-background img')
  await expect(image).toHaveJSProperty('naturalWidth', 6)

  // The file disappears behind the app's back: the next start shows the default look and says why.
  for (const file of await storedImages(dataDir)) await rm(join(dataDir, 'backgrounds', file))
  await page.reload()
  await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
  await expect(stage.getByRole('status')).toHaveText('The chosen image is no longer there, so the default background is used.')
  await expect(image).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('missing-image.png') })
})

test.describe('in a 360 px window, dark', () => {
  test.use({ viewport: { width: 360, height: 720 }, colorScheme: 'dark' })

  test('the gallery fits in Japanese and in Korean', async ({ mira }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible()
    const labels = { ja: ['設定', '背景', '画像を追加…', '保存'], ko: ['설정', '배경', '이미지 추가…', '저장'] } as const
    let settingsName = 'Settings'
    for (const language of ['ja', 'ko'] as const) {
      const [settings, backgrounds, add, saveNext] = labels[language]
      await page.getByRole('button', { name: settingsName }).click()
      const dialog = page.getByRole('dialog', { name: settingsName })
      await dialog.locator('#settings-tab-appearance').click()
      await dialog.locator('#settings-language').selectOption(language)
      // The language previews at once: Save is already in the new one.
      await page.getByRole('button', { name: saveNext }).click()
      settingsName = settings
      await page.getByRole('button', { name: backgrounds }).click()
      const gallery = page.getByRole('dialog', { name: backgrounds })
      await expect(gallery.getByRole('button', { name: add })).toBeVisible()
      // In the dark, the gallery stands out from the conversation panel behind it.
      const colour = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor)
      expect(await colour('.popover')).not.toBe(await colour('.shell__conversation'))
      await gallery.locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
      await expect(gallery.getByRole('alert')).toBeVisible()
      await expect(gallery).toBeInViewport({ ratio: 1 })
      expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
      await page.screenshot({ path: testInfo.outputPath(`gallery-${language}-narrow.png`) })
      await page.keyboard.press('Escape')
    }
  })
})

test.describe('on the built-in server, in Japanese', () => {
  test.use({ useAgent: false, appLocale: 'ja-JP' })

  test('its backgrounds have Japanese names', async ({ mira }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('接続済み', { timeout: 15_000 })
    await page.getByRole('button', { name: '背景', exact: true }).click()
    const gallery = page.getByRole('dialog', { name: '背景' })
    for (const name of ['夜明けの丘', '星空', 'やわらかな霧']) await expect(gallery.getByRole('button', { name, exact: true })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('gallery-builtin-ja.png') })
  })
})

async function storedImages(dataDir: string): Promise<string[]> {
  const files = await readdir(join(dataDir, 'backgrounds')).catch(() => [])
  return files.filter((file) => /\.(png|jpg|webp|gif)$/.test(file))
}
