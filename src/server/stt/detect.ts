/**
 * Which recogniser the companion offers: whisper.cpp when `MIRA_WHISPER_CLI` and
 * `MIRA_WHISPER_MODEL` name one, else PocketSphinx when `pocketsphinx_continuous` is installed
 * (with `MIRA_STT_GRAMMAR`, a JSGF grammar, when set), else none: `/v1/stt/transcribe` then says so.
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { pocketsphinxEngine } from './pocketsphinx'
import type { SttEngine } from './types'
import { whisperCppEngine } from './whisper-cpp'

export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return join(dir, name)
    } catch {
      // Not in this folder.
    }
  }
  return undefined
}

export function detectSttEngine(env: NodeJS.ProcessEnv = process.env): SttEngine | undefined {
  if (env.MIRA_WHISPER_CLI && env.MIRA_WHISPER_MODEL) return whisperCppEngine({ binary: env.MIRA_WHISPER_CLI, model: env.MIRA_WHISPER_MODEL })
  const sphinx = onPath('pocketsphinx_continuous', env.PATH)
  if (sphinx) return pocketsphinxEngine({ binary: sphinx, ...(env.MIRA_STT_GRAMMAR ? { grammar: env.MIRA_STT_GRAMMAR } : {}) })
  return undefined
}
