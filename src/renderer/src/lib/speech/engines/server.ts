/**
 * The server voice: `synthesize` through the host API (the agent server's `/v1/tts/synthesize`),
 * audio bytes decoded by the shared AudioContext and played by the audio player. A sentence
 * dropped while the server still synthesizes it is cancelled there too (`cancelSynthesis`), so
 * the server's voice is free for the next answer at once.
 */
import type { HostApi } from '../../../../../shared/host'
import type { AudioPlayer, ScheduledClip } from '../../../composables/audio-player'
import type { Clip } from '../queue'
import { AbortedError, type SpeechEngine } from './types'

let requests = 0
/** Unique within this page's life; the host only needs to tell this page's requests apart. */
const nextRequestId = (): string => `${Date.now().toString(36)}-${++requests}`

export function serverEngine(
  api: Pick<HostApi, 'synthesize' | 'cancelSynthesis'>,
  player: Pick<AudioPlayer, 'decode' | 'schedule'>,
  /** False for a server whose protocol has no voice (only `/v1/chat/stream` servers have `/v1/tts/synthesize`). */
  serverSpeaks: () => boolean = () => true,
): SpeechEngine {
  return {
    kind: 'server',
    // Otherwise known only by trying: a failing first sentence makes the store fall back.
    available: async () => serverSpeaks(),
    async prepare(text, signal): Promise<Clip> {
      if (signal.aborted) throw new AbortedError()
      const requestId = nextRequestId()
      const cancel = (): void => void api.cancelSynthesis({ requestId }).catch(() => {})
      signal.addEventListener('abort', cancel, { once: true })
      let audio: Uint8Array
      try {
        ;({ audio } = await api.synthesize({ text, requestId }))
      } finally {
        signal.removeEventListener('abort', cancel)
      }
      if (signal.aborted) throw new AbortedError()
      const buffer = await player.decode(audio)
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
