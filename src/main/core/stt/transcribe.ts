/**
 * One place that picks the provider for a transcription, shared by the app's `transcribe` command
 * and `mira transcribe` / `mira chat --audio`: the same settings give the same engine.
 */
import type { SttSettings } from '../../../shared/settings'
import { transcribeWithOpenAi, transcribeWithServer, transcribeWithWhisperCpp, type Transcription } from './transcribers'

export interface SttAccess {
  /** The OpenAI-compatible endpoint's key, already checked to belong to `stt.baseUrl`'s server. */
  apiKey?: string | undefined
  /** The server in use: its REST base and token (asked only when the server transcribes). */
  server: () => Promise<{ restBase: string; token: string | undefined }>
}

export async function transcribeAudio(wav: Uint8Array, stt: SttSettings, access: SttAccess): Promise<Transcription> {
  const lang = stt.language ? { language: stt.language } : {}
  switch (stt.provider) {
    case 'openai':
      return transcribeWithOpenAi(wav, { baseUrl: stt.baseUrl, model: stt.model, ...(access.apiKey ? { apiKey: access.apiKey } : {}), ...lang })
    case 'whisper-cpp':
      return transcribeWithWhisperCpp(wav, { binary: stt.whisperBinary, model: stt.whisperModel, ...lang })
    default: {
      const { restBase, token } = await access.server()
      return transcribeWithServer(wav, { restBase, ...(token ? { token } : {}), ...lang })
    }
  }
}
