/**
 * The detector's runtime files ship with the renderer under `vad/`: the build plugin finds each
 * one in node_modules (an upgrade that moves a file fails here, not in a user's window) and ships
 * only what runs — about 17 MB, not the packages' ~100 MB of other builds and models.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { describe, expect, it } from 'vitest'
import { vadAssets } from '../../scripts/vad-assets'

describe('vadAssets', () => {
  it('emits the Silero model, the worklet and the ONNX runtime under vad/', () => {
    const emitted: { fileName: string; source: Uint8Array }[] = []
    const plugin: Plugin = vadAssets(resolve(import.meta.dirname, '../../node_modules'))
    const generate = plugin.generateBundle as (this: { emitFile(file: { fileName: string; source: Uint8Array }): string }) => void
    generate.call({ emitFile: (file) => (emitted.push(file), file.fileName) })
    expect(emitted.map((f) => f.fileName).sort()).toEqual([
      'vad/ort-wasm-simd-threaded.mjs',
      'vad/ort-wasm-simd-threaded.wasm',
      'vad/silero_vad_v5.onnx',
      'vad/vad.worklet.bundle.min.js',
    ])
    const total = emitted.reduce((n, f) => n + f.source.length, 0)
    expect(total).toBeGreaterThan(10_000_000)
    expect(total).toBeLessThan(20_000_000)
    // The model is the one the detector asks for (model: 'v5').
    expect(statSync(resolve(import.meta.dirname, '../../node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx')).size).toBe(emitted.find((f) => f.fileName.endsWith('.onnx'))?.source.length)
  })
})
