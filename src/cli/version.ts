/** The package version, read from package.json next to src/. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/** The repository (or installed package) root: src/cli/ is two levels down. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

export function readVersion(): string {
  const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')))
  return parsed.success ? parsed.data.version : 'unknown'
}
