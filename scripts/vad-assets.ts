/**
 * Ships the voice-activity detector's runtime files with the renderer, under `vad/` on the app's
 * own origin (nothing is fetched from elsewhere): the Silero VAD model, the audio worklet that
 * feeds it, and onnxruntime-web's WebAssembly build with its loader (~17 MB in all; the package's
 * other models and ONNX builds are left out). Served by the dev server, emitted by the build.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

export const VAD_ASSET_DIR = 'vad'

/** File name in `vad/` → path under node_modules. */
const FILES: Record<string, string> = {
  'silero_vad_v5.onnx': '@ricky0123/vad-web/dist/silero_vad_v5.onnx',
  'vad.worklet.bundle.min.js': '@ricky0123/vad-web/dist/vad.worklet.bundle.min.js',
  'ort-wasm-simd-threaded.wasm': 'onnxruntime-web/dist/ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.mjs': 'onnxruntime-web/dist/ort-wasm-simd-threaded.mjs',
}

const TYPES: Record<string, string> = { '.onnx': 'application/octet-stream', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' }

export function vadAssets(nodeModules: string): Plugin {
  const source = (name: string): string => join(nodeModules, FILES[name] ?? '')
  return {
    name: 'mira-vad-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = /^\/vad\/([^/?]+)/.exec(req.url ?? '')?.[1]
        if (!name || !(name in FILES)) return next()
        res.setHeader('Content-Type', TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream')
        res.end(readFileSync(source(name)))
      })
    },
    generateBundle() {
      for (const name of Object.keys(FILES)) {
        this.emitFile({ type: 'asset', fileName: `${VAD_ASSET_DIR}/${name}`, source: readFileSync(source(name)) })
      }
    },
  }
}
