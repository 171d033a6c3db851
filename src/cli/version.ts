/** The package version, read from package.json next to src/. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The repository (or installed package) root: src/cli/ is two levels down. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

export function readVersion(): string {
  const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version?: unknown }
  return typeof version === 'string' ? version : 'unknown'
}
