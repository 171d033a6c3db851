/**
 * Whether an Electron binary is installed, found without `require('electron')` (which throws, or
 * in some versions starts a download, when the binary is missing).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ELECTRON_DIR = resolve(import.meta.dirname, '..', '..', 'node_modules', 'electron')

export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt')
  if (!existsSync(pathFile)) return { missing: `${pathFile} does not exist (the electron package never downloaded its binary)` }
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { missing: `${binary} does not exist` }
  return { path: binary }
}
