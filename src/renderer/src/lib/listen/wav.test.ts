import { describe, expect, it } from 'vitest'
import { concatFrames, encodeWav, toBase64 } from './wav'

describe('encodeWav', () => {
  it('writes a 16 kHz mono PCM16 header and clipped samples', () => {
    const wav = encodeWav(new Float32Array([0, 1, -1, 2, -0.5]))
    const view = new DataView(wav.buffer)
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF')
    expect(new TextDecoder().decode(wav.subarray(8, 16))).toBe('WAVEfmt ')
    expect(view.getUint16(22, true)).toBe(1)
    expect(view.getUint32(24, true)).toBe(16_000)
    expect(view.getUint16(34, true)).toBe(16)
    expect(view.getUint32(40, true)).toBe(10)
    expect([0, 1, 2, 3, 4].map((i) => view.getInt16(44 + i * 2, true))).toEqual([0, 32767, -32768, 32767, -16384])
    expect(wav.length).toBe(54)
  })
})

describe('concatFrames / toBase64', () => {
  it('joins frames in order', () => {
    expect([...concatFrames([new Float32Array([1, 2]), new Float32Array([3])])]).toEqual([1, 2, 3])
  })
  it('encodes base64, also past the slice size', () => {
    expect(toBase64(new TextEncoder().encode('Mira listens'))).toBe('TWlyYSBsaXN0ZW5z')
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256)
    const back = Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0))
    expect(back).toEqual(bytes)
  })
})
