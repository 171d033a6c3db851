/** Just enough RIFF/WAVE to join the pieces of a long text into one file. */
import { TtsError } from './types'

export interface WavFormat {
  audioFormat: number
  channels: number
  sampleRate: number
  bitsPerSample: number
}

export interface Wav {
  format: WavFormat
  data: Uint8Array
}

const ascii = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4))

export function parseWav(bytes: Uint8Array): Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') throw new TtsError('Not a WAV file')
  let format: WavFormat | undefined
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      }
    } else if (id === 'data') {
      if (!format) throw new TtsError('WAV data before its format')
      // Streamed WAVs declare an unknown (0xFFFFFFFF) size: take what is there.
      return { format, data: bytes.subarray(body, Math.min(bytes.length, body + size)) }
    }
    at = body + size + (size % 2)
  }
  throw new TtsError('WAV file without audio data')
}

export function buildWav(format: WavFormat, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(44 + data.length)
  const view = new DataView(out.buffer)
  const blockAlign = (format.channels * format.bitsPerSample) / 8
  out.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0)
  view.setUint32(4, 36 + data.length, true)
  out.set([...'WAVEfmt '].map((c) => c.charCodeAt(0)), 8)
  view.setUint32(16, 16, true)
  view.setUint16(20, format.audioFormat, true)
  view.setUint16(22, format.channels, true)
  view.setUint32(24, format.sampleRate, true)
  view.setUint32(28, format.sampleRate * blockAlign, true)
  view.setUint16(32, blockAlign, true)
  view.setUint16(34, format.bitsPerSample, true)
  out.set([...'data'].map((c) => c.charCodeAt(0)), 36)
  view.setUint32(40, data.length, true)
  out.set(data, 44)
  return out
}

const sameFormat = (a: WavFormat, b: WavFormat): boolean =>
  a.audioFormat === b.audioFormat && a.channels === b.channels && a.sampleRate === b.sampleRate && a.bitsPerSample === b.bitsPerSample

/** One WAV holding the pieces one after another (they must share a format). */
export function concatWavs(pieces: Uint8Array[]): Uint8Array {
  const wavs = pieces.map(parseWav)
  const first = wavs[0]
  if (!first) throw new TtsError('Nothing to join')
  if (wavs.length === 1) return pieces[0] as Uint8Array
  if (!wavs.every((w) => sameFormat(w.format, first.format))) throw new TtsError('The audio pieces differ in format')
  const data = new Uint8Array(wavs.reduce((n, w) => n + w.data.length, 0))
  let at = 0
  for (const w of wavs) {
    data.set(w.data, at)
    at += w.data.length
  }
  return buildWav(first.format, data)
}

/** A short silent 16-bit mono WAV, for text with nothing to say (only emoji, only code). */
export function silentWav(ms = 100, sampleRate = 22_050): Uint8Array {
  const samples = Math.round((sampleRate * ms) / 1000)
  return buildWav({ audioFormat: 1, channels: 1, sampleRate, bitsPerSample: 16 }, new Uint8Array(samples * 2))
}
