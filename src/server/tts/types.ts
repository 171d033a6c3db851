/** Text-to-speech engines behind `POST /v1/tts/synthesize`. */

export interface SynthesisRequest {
  /** One sentence or a few: never longer than the engine's `maxChars`. */
  text: string
  /** Engine-specific voice (espeak-ng voice such as `en-us`, or the upstream voice name). */
  voice?: string
  /** Words per minute instead of the engine's own (espeak-ng; a preview of another rate). */
  rate?: number
  signal?: AbortSignal
}

export interface TtsEngine {
  /** Short id for `/health`: `espeak-ng`, `openai`. */
  readonly kind: string
  /** The longest text one `synthesize` call takes; the endpoint splits longer text by sentences. */
  readonly maxChars: number
  describe(): string
  /** A complete WAV file. Throws `TtsError` on failure. */
  synthesize(request: SynthesisRequest): Promise<Uint8Array>
  close(): Promise<void>
}

export class TtsError extends Error {
  override name = 'TtsError'
}
