/**
 * Web mode serves the built renderer (`out/renderer`). It is rebuilt when missing or older than
 * its sources. Measured here: vite's `build()` on the renderer config in a plain Node child
 * (build-renderer.mjs) ~1.4 s; `electron-vite build` (all three targets) ~1.7 s; vite's `build()`
 * inside this tsx-hooked process ~3.5 s. The child also builds nothing but the renderer, so a
 * broken main-process build cannot keep web mode from starting.
 */
import { spawn } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BUILD_SCRIPT = fileURLToPath(new URL('./build-renderer.mjs', import.meta.url))

export interface RendererPaths {
  /** The built renderer folder. */
  outDir: string
  /** Source folders the build depends on. */
  sources: string[]
}

export function rendererPaths(root: string): RendererPaths {
  return { outDir: join(root, 'out', 'renderer'), sources: [join(root, 'src', 'renderer'), join(root, 'src', 'shared')] }
}

async function newestMtime(dir: string): Promise<number | undefined> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true })
  } catch {
    return undefined
  }
  let newest = 0
  for (const entry of entries) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs)
  }
  return newest
}

/**
 * Why the renderer must be built (`missing`, `stale`), or `fresh`. Without sources (an install
 * that ships only `out/`) an existing build is used as it is.
 */
export async function rendererState(paths: RendererPaths): Promise<'missing' | 'stale' | 'fresh'> {
  const built = await stat(join(paths.outDir, 'index.html')).catch(() => undefined)
  if (!built) return 'missing'
  const newest = Math.max(0, ...(await Promise.all(paths.sources.map(newestMtime))).map((m) => m ?? 0))
  return newest > built.mtimeMs ? 'stale' : 'fresh'
}

/**
 * Builds the renderer of the project at `root` (into `outDir` when given, else the config's);
 * rejects with the end of the output when it fails.
 */
export function buildRenderer(root: string, outDir?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILD_SCRIPT, root, ...(outDir ? [outDir] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.once('error', (error) => reject(new Error(`cannot start the build: ${error.message}`)))
    child.once('close', (code, signal) => {
      if (code === 0) return resolve()
      const tail = output.trim().split('\n').slice(-15).join('\n')
      reject(new Error(`the build ${signal ? `was killed (${signal})` : `exited with ${code}`}${tail ? `:\n${tail}` : ''}`))
    })
  })
}
