/** Drops a file on an element as the OS would hand it to the page (a DataTransfer made in the page). */
import type { Locator, Page } from '@playwright/test'

export async function dropFile(page: Page, target: Locator, name: string, bytes: Uint8Array): Promise<void> {
  // A string: it runs in the page, and the e2e files are type-checked without the DOM library.
  const transfer = await page.evaluateHandle(
    `(() => { const dt = new DataTransfer(); dt.items.add(new File([Uint8Array.from(atob('${Buffer.from(bytes).toString('base64')}'), (c) => c.charCodeAt(0))], ${JSON.stringify(name)})); return dt })()`,
  )
  await target.dispatchEvent('dragenter', { dataTransfer: transfer })
  await target.dispatchEvent('dragover', { dataTransfer: transfer })
  await target.dispatchEvent('drop', { dataTransfer: transfer })
}
