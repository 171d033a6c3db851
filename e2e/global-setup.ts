/**
 * Builds the renderer once when it is missing or older than its sources, the same way `mira web`
 * does (the renderer section of electron.vite.config.ts): the web target needs nothing else.
 * `MIRA_E2E_RENDERER_OUT` puts the build elsewhere than `out/renderer`, so that two runs in one
 * tree do not build over each other.
 */
import { join, resolve } from 'node:path'
import { buildRenderer, rendererPaths, rendererState } from '../src/cli/web/renderer-build'

const ROOT = resolve(import.meta.dirname, '..')
export const RENDERER_OUT = process.env.MIRA_E2E_RENDERER_OUT
  ? resolve(process.env.MIRA_E2E_RENDERER_OUT)
  : join(ROOT, 'out', 'renderer')

export default async function globalSetup(): Promise<void> {
  const paths = { ...rendererPaths(ROOT), outDir: RENDERER_OUT }
  if ((await rendererState(paths)) === 'fresh') return
  console.log(`[e2e] building the renderer into ${RENDERER_OUT} …`)
  await buildRenderer(ROOT, RENDERER_OUT)
}
