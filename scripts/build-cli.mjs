#!/usr/bin/env node
// Builds the `mira` CLI (with the companion server and the core it runs) and `npm start`'s launcher into
// out/cli as plain JavaScript: npm's `prepare` step runs it (so `npm ci` does), and bin/ rebuilds on the next
// run when a source changed. esbuild takes well under a second; packages in node_modules stay imports.
// Every chunk sits in out/cli itself: code that finds files from its own place (`../../package.json`) finds
// them from src/<dir>/ and out/cli/ alike.
import { copyFile, mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ENTRIES = { main: 'src/cli/main.ts', start: 'scripts/start/main.ts' }
/** Files a bundle reads at run time by their place next to it. */
const COPIED = ['src/cli/web/build-renderer.mjs']
export const BUILD_RECORD = 'build.json'
/** Packages the bundles import from node_modules at run time; ws's optional native helpers may be absent. */
const EXTERNAL = ['espeak-ng', 'vite', 'electron-vite', 'electron', 'bufferutil', 'utf-8-validate']

/** Writes a file whole or not at all: another process may be starting from these files right now. */
async function writeAtomic(path, contents) {
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, contents)
  await rename(temp, path)
}

export async function buildCli(root = fileURLToPath(new URL('..', import.meta.url))) {
  const { build } = await import('esbuild')
  const outDir = join(root, 'out', 'cli')
  const startedAt = Date.now()
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Bundled with their code, packages load as one file instead of hundreds (and CommonJS ones without
    // Node's export scan): `mira web` imports in a third of the time. Kept outside: what finds its own
    // files at run time (espeak-ng's WebAssembly) and the build tools.
    external: EXTERNAL,
    banner: { js: "import { createRequire as __miraRequire } from 'node:module'; const require = __miraRequire(import.meta.url);" },
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
  })
  await mkdir(outDir, { recursive: true })
  const written = new Set([BUILD_RECORD])
  for (const file of result.outputFiles) {
    await writeAtomic(file.path, file.contents)
    written.add(relative(outDir, file.path))
  }
  for (const file of COPIED) {
    const target = join(outDir, file.split('/').at(-1))
    await copyFile(join(root, file), `${target}.tmp`)
    await rename(`${target}.tmp`, target)
    written.add(relative(outDir, target))
  }
  // What the bundles are made of, for bin/built.mjs to tell when they are out of date; written last.
  const inputs = [...Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/')), ...COPIED, 'package-lock.json']
  await writeAtomic(join(outDir, BUILD_RECORD), `${JSON.stringify({ builtAt: startedAt, inputs })}\n`)
  for (const name of await readdir(outDir)) {
    if (!written.has(name) && !name.endsWith('.tmp')) await unlink(join(outDir, name)).catch(() => undefined)
  }
  return { outDir, inputs: inputs.length, ms: Date.now() - startedAt }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { inputs, ms } = await buildCli()
  console.log(`mira: built the CLI into out/cli (${inputs} sources, ${ms} ms)`)
}
