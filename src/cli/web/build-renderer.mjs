// Builds only the renderer, from the renderer section of electron.vite.config.ts, into out/renderer.
// Run as a plain Node child (`node build-renderer.mjs <root>`): vite loads faster without tsx hooks.
import { resolveConfig } from 'electron-vite'
import { build } from 'vite'

const root = process.argv[2] ?? process.cwd()
process.env.NODE_ENV_ELECTRON_VITE = 'production'
const { config } = await resolveConfig({ root, logLevel: 'warn' }, 'build', 'production')
if (!config?.renderer) throw new Error(`electron.vite.config.ts in ${root} has no renderer section`)
await build(config.renderer)
