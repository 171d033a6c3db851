/**
 * While a model file is dragged over the stage, a hint says what dropping it does (the backgrounds'
 * hint stays for images); it goes when the drag leaves. Looked at in English, at 390 px wide, and
 * in Japanese.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** Starts (or ends) a drag of one file over the stage, as the OS hands it to the page. */
async function drag(page: Page, event: 'dragenter' | 'dragleave', name: string, type: string): Promise<void> {
  const transfer = await page.evaluateHandle(`(() => { const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(4)], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} })); return dt })()`)
  await page.locator('.stage').dispatchEvent(event, { dataTransfer: transfer })
}

test.use({ conversationOpen: false })

for (const { label, viewport, locale, hint, background } of [
  { label: 'en', viewport: { width: 900, height: 620 }, locale: 'en-US', hint: /Drop to make it your character/, background: 'Drop the image to use it as the background' },
  { label: 'narrow', viewport: { width: 390, height: 700 }, locale: 'en-US', hint: /Drop to make it your character/, background: 'Drop the image to use it as the background' },
  { label: 'ja', viewport: { width: 900, height: 620 }, locale: 'ja-JP', hint: /ドロップするとあなたのキャラクターになります/, background: 'ドロップすると背景に使います' },
]) {
  test.describe(label, () => {
    test.use({ viewport, appLocale: locale })
    test(`a model dragged over the stage shows the character's drop hint, an image the background's (${label})`, async ({ mira }, testInfo) => {
      const { page } = mira
      const stage = page.locator('.stage')
      await drag(page, 'dragenter', 'Alice.vrm', '')
      await expect(stage.getByRole('status').filter({ hasText: hint })).toBeVisible()
      await expect(page.getByText(background)).toHaveCount(0)
      await page.screenshot({ path: testInfo.outputPath(`drop-hint-${label}.png`) })
      await drag(page, 'dragleave', 'Alice.vrm', '')
      await expect(stage.getByRole('status').filter({ hasText: hint })).toHaveCount(0)

      await drag(page, 'dragenter', 'sky.png', 'image/png')
      await expect(page.getByText(background)).toBeVisible()
      await expect(stage.getByRole('status').filter({ hasText: hint })).toHaveCount(0)
      await drag(page, 'dragleave', 'sky.png', 'image/png')
    })
  })
}
