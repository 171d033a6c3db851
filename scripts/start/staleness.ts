/**
 * Whether `out/` must be rebuilt: a bundle is missing, or a source or build config file is newer
 * than the oldest bundle. A walk over mtimes costs milliseconds; a build costs many seconds.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What the build makes; all three are needed to run the app (web mode needs the renderer). */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
/** Everything the bundles are made from. */
export const BUILD_INPUTS = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.base.json']

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** The newest mtime under `path` (a file or a folder, walked recursively); 0 when absent. */
export function newestMtime(path: string): number {
  let info
  try {
    info = statSync(path)
  } catch {
    return 0
  }
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Why a build is needed, or `undefined` when `out/` is up to date. */
export function buildNeeded(root: string): string | undefined {
  let oldestOutput = Infinity
  for (const output of BUILD_OUTPUTS) {
    const mtime = mtimeOf(join(root, output))
    if (mtime === undefined) return `${output} is missing`
    oldestOutput = Math.min(oldestOutput, mtime)
  }
  for (const input of BUILD_INPUTS) {
    if (newestMtime(join(root, input)) > oldestOutput) return `${input} changed since the last build`
  }
  return undefined
}
