/**
 * The CLI as shipped: bundles in out/cli, rebuilt when a source is newer, and `mira --help` loading none of
 * the heavy packages (each command's code is imported only when that command runs).
 */
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importBuilt, staleness } from '../../bin/built.mjs'
import { ROOT, tempDir } from './cli-process'

/**
 * What loads before a command runs: the packages a module reaches through static imports alone, and the
 * modules those files leave to a later `import()`.
 */
function staticGraph(dir: string, file: string, graph = { seen: new Set<string>(), packages: new Set<string>(), lazy: new Set<string>() }) {
  if (graph.seen.has(file)) return graph
  graph.seen.add(file)
  const source = readFileSync(join(dir, file), 'utf8')
  for (const [, specifier = ''] of source.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"/gms)) {
    if (specifier.startsWith('./')) staticGraph(dir, specifier.slice(2), graph)
    else if (!specifier.startsWith('node:')) graph.packages.add(specifier)
  }
  // Bundled code keeps a comment naming the file it came from: `// node_modules/zod/…`, `// src/server/…`.
  for (const [, origin = ''] of source.matchAll(/^\/\/ (node_modules\/(?:@[^/]+\/)?[^/]+|src\/server)\//gm)) graph.packages.add(origin)
  for (const [, specifier = ''] of source.matchAll(/\bimport\("([^"]+)"\)/g)) graph.lazy.add(specifier)
  return graph
}

describe('the built CLI', () => {
  it('loads no package for --help: zod, ws, yaml and the server come with the command that needs them', async () => {
    await importBuilt('main')
    const outDir = join(ROOT, 'out', 'cli')
    const graph = staticGraph(outDir, 'main.mjs')
    expect([...graph.packages]).toEqual([])
    // chat, transcribe, doctor, serve and web: each its own module, loaded when it runs.
    expect(graph.lazy.size).toBe(5)
  })

  it('is rebuilt when a source it was built from is newer, or gone', () => {
    const root = tempDir('mira-built-')
    mkdirSync(join(root, 'src'))
    mkdirSync(join(root, 'out', 'cli'), { recursive: true })
    expect(staleness(root)).toBe('not built yet')

    const source = join(root, 'src', 'a.ts')
    writeFileSync(source, '')
    const builtAt = Date.now()
    utimesSync(source, new Date(builtAt - 60_000), new Date(builtAt - 60_000))
    writeFileSync(join(root, 'out', 'cli', 'build.json'), JSON.stringify({ builtAt, inputs: ['src/a.ts'] }))
    expect(staleness(root)).toBeUndefined()

    utimesSync(source, new Date(builtAt + 60_000), new Date(builtAt + 60_000))
    expect(staleness(root)).toBe('src/a.ts changed')
    rmSync(source)
    expect(staleness(root)).toBe('src/a.ts changed')
    // An install without sources runs the bundles it has.
    rmSync(join(root, 'src'), { recursive: true })
    expect(staleness(root)).toBeUndefined()
  })
})
