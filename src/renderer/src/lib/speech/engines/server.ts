/**
 * The server voice: `synthesize` through the host API (the agent server's `/v1/tts/synthesize`),
 * base64 → bytes → decoded by the shared AudioContext, played by the audio player.
 */
import type { HostApi } from '../../../../../shared/host'
import type { AudioPlayer, ScheduledClip } from '../../../composables/audio-player'
import type { Clip } from '../queue'
import { AbortedError, type SpeechEngine } from './types'

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function serverEngine(api: Pick<HostApi, 'synthesize'>, player: AudioPlayer): SpeechEngine {
  return {
    kind: 'server',
    // Known only by trying: a failing first sentence makes the store fall back.
    available: async () => true,
    async prepare(text, signal): Promise<Clip> {
      const { audioBase64 } = await api.synthesize({ text })
      if (signal.aborted) throw new AbortedError()
      const buffer = await player.decode(base64ToBytes(audioBase64))
      if (signal.aborted) throw new AbortedError()
      let scheduled: ScheduledClip | undefined
      return {
        sink: 'audio',
        start: (events) => {
          scheduled = player.schedule(buffer, events)
        },
        cancel: () => scheduled?.cancel(),
      }
    },
  }
}
