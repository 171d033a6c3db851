/**
 * The whisper.cpp models offered for download: tiny, base and small, multilingual and English-only
 * (`.en`), as whisper.cpp publishes them (its models/README.md: size and SHA-1 of each file; it
 * publishes no SHA-256). They come from whisper.cpp's Hugging Face repository and are kept in
 * `models/` in the data folder.
 */
import { resolve, join } from 'node:path'

export interface WhisperModelInfo {
  /** `tiny`, `base.en`, … as whisper.cpp names them. */
  id: string
  file: string
  url: string
  /** Approximate size in MiB (the download's own length is used for progress). */
  sizeMiB: number
  /** Only English (`.en`), faster and a little better at it; else multilingual. */
  englishOnly: boolean
  checksum: { algorithm: 'sha1' | 'sha256'; hex: string }
}

const HUB = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main'

const model = (id: string, sizeMiB: number, sha1: string): WhisperModelInfo => ({
  id,
  file: `ggml-${id}.bin`,
  url: `${HUB}/ggml-${id}.bin`,
  sizeMiB,
  englishOnly: id.endsWith('.en'),
  checksum: { algorithm: 'sha1', hex: sha1 },
})

export const WHISPER_MODELS: readonly WhisperModelInfo[] = [
  model('tiny', 75, 'bd577a113a864445d4c299885e0cb97d4ba92b5f'),
  model('tiny.en', 75, 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df'),
  model('base', 142, '465707469ff3a37a2b9b8d8f89f2f99de7299dac'),
  model('base.en', 142, '137c40403d78fd54d454da0f9bd998f78703390c'),
  model('small', 466, '55356645c2b361a969dfd0ef2c5a50d530afd8d5'),
  model('small.en', 466, 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022'),
]

export const MODELS_DIR = 'models'
export const modelsDir = (dataDir: string): string => join(dataDir, MODELS_DIR)

export const findWhisperModel = (id: string): WhisperModelInfo | undefined => WHISPER_MODELS.find((m) => m.id === id)

/** A model named by its id (downloaded into the data folder) or a file path (relative to `cwd`). */
export function resolveWhisperModel(nameOrPath: string, dataDir: string, cwd: string): string {
  const known = findWhisperModel(nameOrPath)
  return known ? join(modelsDir(dataDir), known.file) : resolve(cwd, nameOrPath)
}
