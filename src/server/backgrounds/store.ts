/** The `backgrounds/` folder: what `fetch_backgrounds` lists and `GET /v1/bg/<file>` serves. */
import { readdir, writeFile } from 'node:fs/promises'
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

/** Writes the three default backgrounds and their license note into a new, empty folder. */
export async function seedBackgrounds(dir: string): Promise<void> {
  for (const { name, png } of defaultBackgrounds()) await writeFile(join(dir, name), png)
  await writeFile(join(dir, 'LICENSE.txt'), BACKGROUNDS_LICENSE)
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
