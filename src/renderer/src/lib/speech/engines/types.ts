/** The speech engines behind one interface: each turns a sentence into a clip the queue can play. */
import type { Clip } from '../queue'

export type EngineKind = 'server' | 'local' | 'web-speech'

export interface SpeechEngine {
  readonly kind: EngineKind
  /** Whether it can speak here at all; resolves (false) instead of hanging. */
  available(): Promise<boolean>
  prepare(text: string, signal: AbortSignal): Promise<Clip>
}

export class AbortedError extends Error {
  override name = 'AbortError'
  constructor() {
    super('Speech was stopped')
  }
}
