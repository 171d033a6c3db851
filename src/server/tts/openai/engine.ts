/** TTS through an OpenAI-compatible `POST {baseUrl}/audio/speech` (OpenAI, or a local server speaking its API). */
import { messageOf } from '../../../shared/errors'
import { TtsError, type SynthesisRequest, type TtsEngine } from '../types'

export interface OpenAiSpeechOptions {
  /** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8880/v1`. */
  baseUrl: string
  apiKey?: string
  /** Default `tts-1`. */
  model?: string
  /** Default `alloy`. */
  voice?: string
  /** Default 60 000. */
  timeoutMs?: number
  /** For tests. */
  fetch?: typeof fetch
}

const VOICE_NAME = /^[\w.-]{1,64}$/

export class OpenAiSpeechEngine implements TtsEngine {
  readonly kind = 'openai'
  // OpenAI's limit is 4096 characters per request.
  readonly maxChars = 4_000
  private readonly url: string
  private readonly model: string
  private readonly voice: string
  private readonly timeoutMs: number
  private readonly fetch: typeof fetch

  constructor(private readonly options: OpenAiSpeechOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/audio/speech`
    this.model = options.model ?? 'tts-1'
    this.voice = options.voice ?? 'alloy'
    this.timeoutMs = options.timeoutMs ?? 60_000
    this.fetch = options.fetch ?? fetch
  }

  describe(): string {
    return `openai-compatible ${this.model} (${this.voice}) at ${this.url}`
  }

  async synthesize(request: SynthesisRequest): Promise<Uint8Array> {
    const voice = request.voice && VOICE_NAME.test(request.voice) ? request.voice : this.voice
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
    let response: Response
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(this.options.apiKey ? { Authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: this.model, voice, input: request.text, response_format: 'wav' }),
        signal,
      })
    } catch (error) {
      if (request.signal?.aborted) throw error
      throw new TtsError(`TTS server ${this.url} unreachable: ${timeout.aborted ? 'timed out' : messageOf(error)}`)
    }
    if (!response.ok) {
      const body = (await response.text().catch(() => '')).slice(0, 300)
      throw new TtsError(`TTS server answered ${response.status}${body ? `: ${body}` : ''}`)
    }
    return new Uint8Array(await response.arrayBuffer())
  }

  async close(): Promise<void> {}
}
