/**
 * `listOfflineVoices` and `testOfflineVoice`: the built-in server's espeak-ng voices, listed and
 * heard from the core's own engine, so the settings can offer them while another server is in use
 * or before the choice is saved. The engine's worker stops after a quiet spell.
 */
import { HostError, type HostHandlers } from '../../../shared/host'
import { messageOf } from '../../../shared/errors'
import { EspeakEngine } from '../../../server/tts'

export interface OfflineVoiceCommands extends Pick<HostHandlers, 'listOfflineVoices' | 'testOfflineVoice'> {
  close(): Promise<void>
}

export function createOfflineVoiceHandlers(options: { idleMs?: number } = {}): OfflineVoiceCommands {
  let engine: EspeakEngine | undefined
  const espeak = (): EspeakEngine => (engine ??= new EspeakEngine({ workers: 1, idleMs: options.idleMs ?? 20_000 }))
  const failed = (error: unknown): HostError => {
    const why = messageOf(error)
    return new HostError('server-error', why, { textCode: 'speechFailed', params: { error: why } })
  }
  return {
    listOfflineVoices: async () => {
      try {
        return { voices: await espeak().voices() }
      } catch (error) {
        throw failed(error)
      }
    },
    testOfflineVoice: async ({ voice, rate, text }) => {
      try {
        return { audio: await espeak().synthesize({ text, rate, ...(voice ? { voice } : {}) }), mimeType: 'audio/wav' }
      } catch (error) {
        throw failed(error)
      }
    },
    close: async () => {
      await engine?.close()
      engine = undefined
    },
  }
}
