/** The `backgrounds/` folder: what `fetch_backgrounds` lists and `GET /v1/bg/<file>` serves. */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { BACKGROUNDS_LICENSE, defaultBackgrounds } from './art'

/** Image types a background may have (extension → Content-Type). */
export const BACKGROUND_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
}

/**
 * Paints the three default backgrounds and their license note into a new folder `dir`, in the
 * background: they are painted into a folder of their own that becomes `dir` when complete, so a
 * start cut short paints them again next time. Until then `dir` does not exist (an empty list).
 */
export async function seedBackgrounds(dir: string): Promise<void> {
  const staging = `${dir}.painting-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  for (const { name, png } of await defaultBackgrounds()) await writeFile(join(staging, name), png)
  await writeFile(join(staging, 'LICENSE.txt'), BACKGROUNDS_LICENSE)
  await rename(staging, dir)
}

/** `["/bg/dawn-hills.png", …]`: image files only, sorted, no hidden files, no subfolders. */
export async function listBackgrounds(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && Object.hasOwn(BACKGROUND_TYPES, extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => `/bg/${encodeURIComponent(name)}`)
}
