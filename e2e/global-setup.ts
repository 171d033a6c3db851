/**
 * Builds the renderer once when `out/renderer` is missing or older than its sources. Only the
 * renderer (a plain vite build, seconds): the web target needs nothing else.
 */
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'

const ROOT = resolve(import.meta.dirname, '..')
export const RENDERER_OUT = join(ROOT, 'out', 'renderer')
const SOURCES = [join(ROOT, 'src', 'renderer'), join(ROOT, 'src', 'shared')]

async function newestMtime(dir: string): Promise<number> {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs)
  }
  return newest
}

export default async function globalSetup(): Promise<void> {
  const built = await stat(join(RENDERER_OUT, 'index.html')).catch(() => undefined)
  const sources = Math.max(...(await Promise.all(SOURCES.map(newestMtime))))
  if (built && built.mtimeMs >= sources) return
  console.log('[e2e] building the renderer into out/renderer …')
  await build({
    configFile: false,
    root: join(ROOT, 'src', 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [vue()],
    build: { outDir: RENDERER_OUT, emptyOutDir: true },
  })
}
