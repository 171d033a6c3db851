/** The host's speech-to-text commands: `transcribe` (audio from the page, text back) and `setSttApiKey`. */
import { Buffer } from 'node:buffer'
import { HostError, type HostHandlers } from '../../../shared/host'
import type { SettingsView } from '../../../shared/settings'
import type { SecretStore } from '../settings/secret-store'
import type { SettingsStore } from '../settings/settings-store'
import { saveSttKey, sttKeyFor } from './stt-key'
import { transcribeAudio } from './transcribe'
import { TranscribeError, type Transcription } from './transcribers'

export interface SttDeps {
  settings: SettingsStore
  secrets: SecretStore
  /** The server in use: its REST base and token. */
  server: () => Promise<{ restBase: string; token: string | undefined }>
  view: () => Promise<SettingsView>
}

export function createSttHandlers(deps: SttDeps): Pick<HostHandlers, 'transcribe' | 'setSttApiKey'> {
  async function transcribe(wav: Uint8Array): Promise<Transcription> {
    const stt = deps.settings.get().stt
    const apiKey = stt.provider === 'openai' ? await sttKeyFor(deps.secrets, stt.baseUrl) : undefined
    return transcribeAudio(wav, stt, { apiKey, server: deps.server })
  }

  return {
    transcribe: async ({ audioBase64 }) => {
      const wav = Buffer.from(audioBase64, 'base64')
      try {
        const { text, engine } = await transcribe(wav)
        return { text, engine, provider: deps.settings.get().stt.provider }
      } catch (error) {
        if (error instanceof TranscribeError) throw new HostError('server-error', error.message, { textCode: error.textCode, params: error.params })
        throw error
      }
    },
    setSttApiKey: async ({ apiKey }) => {
      const baseUrl = deps.settings.get().stt.baseUrl
      if (apiKey !== null && !baseUrl) throw new HostError('refused', 'Save the transcription endpoint’s address before its key', { textCode: 'sttNoEndpoint' })
      await saveSttKey(deps.secrets, apiKey, baseUrl)
      return deps.view()
    },
  }
}
