// Loads a bundle of out/cli (see scripts/build-cli.mjs), rebuilding it first when it is missing or one of its
// sources changed since: the check is one stat per source file, a few milliseconds.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outDir = join(root, 'out', 'cli')

/** Why the bundles of the project at `root` must be rebuilt, or undefined when they are current. */
export function staleness(projectRoot) {
  let record
  try {
    record = JSON.parse(readFileSync(join(projectRoot, 'out', 'cli', 'build.json'), 'utf8'))
  } catch {
    return 'not built yet'
  }
  // An install that ships out/ without src/ runs what it has.
  if (!statSync(join(projectRoot, 'src'), { throwIfNoEntry: false })) return undefined
  for (const input of record.inputs) {
    const info = statSync(join(projectRoot, input), { throwIfNoEntry: false })
    if (!info || info.mtimeMs > record.builtAt) return `${input} changed`
  }
  return undefined
}

/** Imports out/cli/NAME.mjs, built and current. */
export async function importBuilt(name) {
  if (staleness(root)) {
    const { buildCli } = await import('../scripts/build-cli.mjs')
    await buildCli(root)
  }
  return import(pathToFileURL(join(outDir, `${name}.mjs`)).href)
}
