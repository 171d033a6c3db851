/**
 * Finds the Electron executable the way `node_modules/electron/index.js` does, but without its
 * side effect: requiring that file starts a download when the binary is missing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BinaryState } from './plan'

/** The executable's path inside `dist`, per platform (as electron's own install script names it). */
export function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

export function electronBinary(electronDir: string, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): BinaryState {
  let executable = platformExecutable(platform)
  try {
    executable = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim() || executable
  } catch {
    // No path.txt: the download never completed; the platform default names what would be there.
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH?.trim() || join(electronDir, 'dist')
  const path = join(dist, executable)
  return { path, present: existsSync(path) }
}
