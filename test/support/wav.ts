/**
 * Tiny media fixtures generated in code (no binary files in the repo): a PCM16 WAV tone and a
 * 1×1 PNG.
 */

export interface ToneOptions {
  /** Default 300 ms. */
  durationMs?: number
  /** Default 440 Hz. */
  frequency?: number
  /** Default 16 000 Hz. */
  sampleRate?: number
  /** 0..1, default 0.4. */
  amplitude?: number
}

/** A complete mono 16-bit PCM WAV file holding a sine tone with 10 ms fades (no clicks). */
export function makeToneWav(options: ToneOptions = {}): Buffer {
  const { durationMs = 300, frequency = 440, sampleRate = 16_000, amplitude = 0.4 } = options
  const samples = Math.max(1, Math.round((sampleRate * durationMs) / 1000))
  const fade = Math.min(Math.round(sampleRate / 100), Math.floor(samples / 2))
  const dataBytes = samples * 2
  const wav = Buffer.alloc(44 + dataBytes)
  wav.write('RIFF', 0, 'ascii')
  wav.writeUInt32LE(36 + dataBytes, 4)
  wav.write('WAVE', 8, 'ascii')
  wav.write('fmt ', 12, 'ascii')
  wav.writeUInt32LE(16, 16) // fmt chunk size
  wav.writeUInt16LE(1, 20) // PCM
  wav.writeUInt16LE(1, 22) // mono
  wav.writeUInt32LE(sampleRate, 24)
  wav.writeUInt32LE(sampleRate * 2, 28) // byte rate
  wav.writeUInt16LE(2, 32) // block align
  wav.writeUInt16LE(16, 34) // bits per sample
  wav.write('data', 36, 'ascii')
  wav.writeUInt32LE(dataBytes, 40)
  for (let i = 0; i < samples; i++) {
    const envelope = fade === 0 ? 1 : Math.min(1, i / fade, (samples - 1 - i) / fade)
    const value = Math.sin((2 * Math.PI * frequency * i) / sampleRate) * amplitude * envelope
    wav.writeInt16LE(Math.round(value * 32767), 44 + i * 2)
  }
  return wav
}

/** A valid 1×1 opaque PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
