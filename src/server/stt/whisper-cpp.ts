/**
 * whisper.cpp on this computer: its command-line program (`whisper-cli`, built or installed by the
 * user) with a ggml model file the user picked. The model is checked before anything runs: a
 * missing file, or one that is not a whisper.cpp model (its first bytes are the ggml magic), gets
 * a clear error instead of a crash deep inside the program.
 */
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { checkWav, SttError, type SttEngine } from './types'
import { runOnWav } from './run-program'

/** `GGML_FILE_MAGIC` (0x67676d6c) as whisper.cpp writes it, little-endian. */
const GGML_MAGIC = 'lmgg'

export interface WhisperCppOptions {
  /** `whisper-cli` (or the older `main`), a path or a name on the PATH. */
  binary: string
  /** A ggml model such as ggml-base.en.bin. */
  model: string
  threads?: number
}

/** Checks that `model` is there and is a whisper.cpp (ggml) model. */
export async function checkWhisperModel(model: string): Promise<void> {
  if (!model) throw new SttError('model-missing', 'No whisper.cpp model is chosen')
  let handle
  try {
    handle = await open(model, 'r')
  } catch (error) {
    throw new SttError('model-missing', `The whisper.cpp model ${model} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error })
  }
  try {
    const head = Buffer.alloc(4)
    const { bytesRead } = await handle.read(head, 0, 4, 0)
    if (bytesRead < 4 || head.toString('latin1') !== GGML_MAGIC) {
      throw new SttError('bad-model', `${basename(model)} is not a whisper.cpp model (ggml): pick a file such as ggml-base.en.bin`)
    }
  } finally {
    await handle.close()
  }
}

export function whisperCppEngine(options: WhisperCppOptions): SttEngine {
  return {
    describe: () => `whisper.cpp (${basename(options.model)})`,
    async transcribe(wav, { language, signal } = {}) {
      const format = checkWav(wav)
      if (format.sampleRate !== 16_000) throw new SttError('bad-audio', 'whisper.cpp needs 16 kHz audio')
      await checkWhisperModel(options.model)
      const args = ['-m', options.model, '-f', '{wav}', '-nt', '-np', '-l', language || 'auto', '-t', String(options.threads ?? 2)]
      const out = await runOnWav(wav, { binary: options.binary, args, ...(signal ? { signal } : {}) })
      return out.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')
    },
  }
}
