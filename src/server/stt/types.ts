/** A speech recogniser: 16 kHz mono 16-bit PCM WAV in, text out. */
export interface SttEngine {
  /** Short, for `/v1/health` and logs: `pocketsphinx`, `whisper.cpp (ggml-base.en.bin)`. */
  describe(): string
  transcribe(wav: Uint8Array, options?: { language?: string; signal?: AbortSignal }): Promise<string>
}

export type SttErrorKind = 'bad-audio' | 'model-missing' | 'bad-model' | 'program-missing' | 'engine-failed'

export class SttError extends Error {
  override name = 'SttError'
  constructor(
    readonly kind: SttErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** The format the engines read; anything else is refused with a clear reason before a program runs. */
export function checkWav(wav: Uint8Array): { sampleRate: number; channels: number; bits: number; dataBytes: number } {
  const text = (at: number, n: number): string => String.fromCharCode(...wav.subarray(at, at + n))
  if (wav.length < 44 || text(0, 4) !== 'RIFF' || text(8, 4) !== 'WAVE') throw new SttError('bad-audio', 'The audio is not a WAV file')
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength)
  // Walk the chunks: `fmt ` and `data` need not be the first ones.
  let at = 12
  let format: { sampleRate: number; channels: number; bits: number; pcm: boolean } | undefined
  while (at + 8 <= wav.length) {
    const id = text(at, 4)
    const size = view.getUint32(at + 4, true)
    if (id === 'fmt ' && at + 24 <= wav.length) {
      format = { pcm: view.getUint16(at + 8, true) === 1, channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), bits: view.getUint16(at + 22, true) }
    } else if (id === 'data') {
      if (!format) break
      if (!format.pcm || format.bits !== 16) throw new SttError('bad-audio', 'The audio must be 16-bit PCM')
      return { sampleRate: format.sampleRate, channels: format.channels, bits: format.bits, dataBytes: Math.min(size, wav.length - at - 8) }
    }
    at += 8 + size + (size % 2)
  }
  throw new SttError('bad-audio', 'The WAV file has no audio format or data')
}
