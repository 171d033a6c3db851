/** Pixel comparisons of the avatar stage, for the renderer specs (page code as strings: no DOM library here). */
import type { Page, TestInfo } from '@playwright/test'

/** The share of pixels that differ between two screenshots of the same size. */
export async function changedShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return (await page.evaluate(`(async () => {
    const pixels = async (data) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))]))
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')
      context.drawImage(bitmap, 0, 0)
      return context.getImageData(0, 0, bitmap.width, bitmap.height).data
    }
    const [x, y] = await Promise.all([pixels('${a.toString('base64')}'), pixels('${b.toString('base64')}')])
    let changed = 0
    for (let i = 0; i < x.length; i += 4) if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) > 30) changed++
    return changed / (x.length / 4)
  })()`)) as number
}

/** A frame of the stage with the canvas shown (saved as `name`.png), and one with it hidden: how much the model covers. */
export async function drawnShare(page: Page, testInfo: TestInfo, name: string): Promise<number> {
  const view = page.locator('.avatar-view')
  const shot = await view.screenshot({ path: testInfo.outputPath(`${name}.png`) })
  const canvas = "document.querySelector('.avatar-view canvas').style.visibility"
  await page.evaluate(`${canvas} = 'hidden'`)
  const bare = await view.screenshot()
  await page.evaluate(`${canvas} = ''`)
  return changedShare(page, shot, bare)
}
