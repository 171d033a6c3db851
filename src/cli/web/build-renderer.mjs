// Builds only the renderer, from the renderer section of electron.vite.config.ts, into out/renderer.
// Run as a plain Node child (`node build-renderer.mjs <root> [outDir]`): vite loads faster without tsx hooks.
import { resolveConfig } from 'electron-vite'
import { build } from 'vite'

const root = process.argv[2] ?? process.cwd()
const outDir = process.argv[3]
process.env.NODE_ENV_ELECTRON_VITE = 'production'
const { config } = await resolveConfig({ root, logLevel: 'warn' }, 'build', 'production')
if (!config?.renderer) throw new Error(`electron.vite.config.ts in ${root} has no renderer section`)
await build(outDir ? { ...config.renderer, build: { ...config.renderer.build, outDir, emptyOutDir: true } } : config.renderer)
