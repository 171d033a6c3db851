/**
 * The speech-to-text providers behind one call: the server in use (`POST /v1/stt/transcribe`), an
 * OpenAI-compatible endpoint (`POST /v1/audio/transcriptions`, multipart), and whisper.cpp here.
 * Keys stay in the core. Failures carry a text code the page words in the reader's language.
 */
import { SttError, whisperCppEngine } from '../../../server'
import { messageOf } from '../../../shared/errors'
import type { HostTextParams } from '../../../shared/host'

export class TranscribeError extends Error {
  override name = 'TranscribeError'
  constructor(
    readonly textCode: string,
    message: string,
    readonly params: HostTextParams = {},
    /** The HTTP status the server answered with, when it answered. */
    readonly status?: number,
  ) {
    super(message)
  }
}

export interface Transcription {
  text: string
  /** Which engine heard it, as the provider says. */
  engine: string
}

const TIMEOUT_MS = 120_000

async function post(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })
  } catch (error) {
    const why = messageOf((error as { cause?: unknown }).cause ?? error)
    throw new TranscribeError('sttUnreachable', `The transcription server ${new URL(url).origin} cannot be reached: ${why}`, { server: new URL(url).origin, error: why })
  }
}

/** The error text a JSON error body carries (`{ error: "…" }` or OpenAI's `{ error: { message } }`). */
async function errorText(response: Response): Promise<string> {
  const body = await response.text().catch(() => '')
  try {
    const parsed = JSON.parse(body) as { error?: string | { message?: string } }
    const error = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message
    if (error) return `HTTP ${response.status}: ${error}`
  } catch {
    // Not JSON.
  }
  return `HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`
}

async function textOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { text?: unknown } | undefined
  if (typeof body?.text !== 'string') throw new TranscribeError('sttFailed', 'The transcription server answered without text', { error: 'no text in the answer' })
  return body.text.trim()
}

export async function transcribeWithOpenAi(wav: Uint8Array, options: { baseUrl: string; model: string; apiKey?: string; language?: string }): Promise<Transcription> {
  const form = new FormData()
  form.set('file', new Blob([wav.slice().buffer], { type: 'audio/wav' }), 'speech.wav')
  form.set('model', options.model)
  form.set('response_format', 'json')
  if (options.language) form.set('language', options.language)
  const url = `${options.baseUrl.replace(/\/+$/, '')}/audio/transcriptions`
  const response = await post(url, { method: 'POST', body: form, headers: options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {} })
  if (response.status === 401 || response.status === 403) {
    throw new TranscribeError('sttBadKey', `The transcription server refused the API key (HTTP ${response.status})`, { status: response.status }, response.status)
  }
  if (!response.ok) {
    const why = await errorText(response)
    throw new TranscribeError('sttFailed', `Transcription failed: ${why}`, { error: why }, response.status)
  }
  return { text: await textOf(response), engine: options.model }
}

export async function transcribeWithServer(wav: Uint8Array, options: { restBase: string; token?: string; language?: string }): Promise<Transcription> {
  const url = `${options.restBase.replace(/\/+$/, '')}/stt/transcribe${options.language ? `?language=${encodeURIComponent(options.language)}` : ''}`
  const headers: Record<string, string> = { 'Content-Type': 'audio/wav', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) }
  const response = await post(url, { method: 'POST', body: wav.slice(), headers })
  if (response.status === 404 || response.status === 405 || response.status === 501) {
    throw new TranscribeError('sttNoEngine', 'The server in use does not recognise speech: choose another place in Settings → Listening', {}, response.status)
  }
  if (response.status === 401 || response.status === 403) {
    throw new TranscribeError('sttServerRefused', `The server refused the token (HTTP ${response.status})`, { status: response.status }, response.status)
  }
  if (!response.ok) {
    const why = await errorText(response)
    throw new TranscribeError('sttFailed', `Transcription failed: ${why}`, { error: why }, response.status)
  }
  const body = (await response.clone().json().catch(() => ({}))) as { engine?: unknown }
  return { text: await textOf(response), engine: typeof body.engine === 'string' ? body.engine : 'server' }
}

const LOCAL_CODES = { 'model-missing': 'sttModelMissing', 'bad-model': 'sttBadModel', 'program-missing': 'sttProgramMissing' } as const

export async function transcribeWithWhisperCpp(wav: Uint8Array, options: { binary: string; model: string; language?: string }): Promise<Transcription> {
  if (!options.binary) throw new TranscribeError('sttProgramMissing', 'Choose the whisper.cpp program (whisper-cli) in Settings → Listening', { program: '' })
  const engine = whisperCppEngine({ binary: options.binary, model: options.model })
  try {
    return { text: (await engine.transcribe(wav, options.language ? { language: options.language } : {})).trim(), engine: engine.describe() }
  } catch (error) {
    if (error instanceof SttError && error.kind in LOCAL_CODES) {
      throw new TranscribeError(LOCAL_CODES[error.kind as keyof typeof LOCAL_CODES], error.message, { error: error.message })
    }
    throw new TranscribeError('sttFailed', `Transcription failed: ${messageOf(error)}`, { error: messageOf(error) })
  }
}
