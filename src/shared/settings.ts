/**
 * The settings file: one versioned, schema-validated JSON document. Secrets (the server token)
 * are not in it: they live in the host's secret store and the renderer sees only `hasToken`.
 */
import { z } from 'zod'
import { SERVER_KINDS } from './protocol/kinds'
import { normalizeChatUrl, ServerUrlError } from './server-url'

export const SETTINGS_VERSION = 1

/** A server address as typed, normalized to its chat-stream URL. */
export const chatUrl = z.string().transform((value, ctx) => {
  try {
    return normalizeChatUrl(value)
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof ServerUrlError ? error.message : 'Invalid server address' })
    return z.NEVER
  }
})

const identifier = z.string().trim().min(1, 'Must not be empty').max(200)

const serverFields = {
  /** `builtin`: the app starts its companion server; `custom`: connect to `url`. */
  mode: z.enum(['builtin', 'custom']),
  url: chatUrl,
  /** The chat protocol of the `custom` server (the built-in one speaks `dmp`). */
  kind: z.enum(SERVER_KINDS),
  /** No frame at all for this long means the link is dead (half-open TCP). */
  silenceTimeoutMs: z.number().int().min(1_000).max(600_000),
  /** A message whose answer has not started (no `stream_start`) this long after it was sent is given up as interrupted. */
  startTimeoutMs: z.number().int().min(5_000).max(600_000),
}

export const serverSettingsSchema = z.object({
  mode: serverFields.mode.default('builtin'),
  url: serverFields.url.default('ws://127.0.0.1:5500/v1/chat/stream'),
  kind: serverFields.kind.default('auto'),
  silenceTimeoutMs: serverFields.silenceTimeoutMs.default(75_000),
  startTimeoutMs: serverFields.startTimeoutMs.default(60_000),
})

const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol)
    } catch {
      return false
    }
  }, 'Must be an http:// or https:// address, e.g. http://127.0.0.1:11434/v1')

const companionFields = {
  /** An OpenAI-compatible endpoint for the built-in server; '' = none (a local Ollama when found, else the offline demo). */
  llmBaseUrl: z.union([z.literal(''), httpUrl]),
  llmModel: z.string().trim().max(200),
  /** Look for a local Ollama when no endpoint is set. */
  probeOllama: z.boolean(),
  /** The offline voice (an espeak-ng voice name such as `en-us`, `en-gb`, `ja`); '' = English (US). */
  ttsVoice: z
    .string()
    .trim()
    .max(50)
    .regex(/^[a-z0-9+-]*$/i, 'Use a voice name such as en-us, en-gb or ja'),
  /** Speaking rate in words per minute. */
  ttsRate: z.number().int().min(80, 'At least 80 words per minute').max(450, 'At most 450 words per minute'),
}

export const companionSettingsSchema = z
  .object({
    llmBaseUrl: companionFields.llmBaseUrl.default(''),
    llmModel: companionFields.llmModel.default(''),
    probeOllama: companionFields.probeOllama.default(true),
    ttsVoice: companionFields.ttsVoice.default(''),
    ttsRate: companionFields.ttsRate.default(175),
  })
  .refine((c) => c.llmBaseUrl === '' || c.llmModel !== '', {
    message: 'Name the model to use with this endpoint',
    path: ['llmModel'],
  })

export const STT_PROVIDERS = ['server', 'openai', 'whisper-cpp'] as const
export type SttProvider = (typeof STT_PROVIDERS)[number]

const sttFields = {
  /**
   * Where speech is recognised: `server`, the server in use (`POST /v1/stt/transcribe`, which the
   * built-in companion offers when it has an engine); `openai`, an OpenAI-compatible
   * `/v1/audio/transcriptions` endpoint; `whisper-cpp`, whisper.cpp on this computer.
   */
  provider: z.enum(STT_PROVIDERS),
  /** The OpenAI-compatible endpoint's base, e.g. https://api.openai.com/v1. */
  baseUrl: z.union([z.literal(''), httpUrl]),
  model: z.string().trim().max(200),
  /** An ISO 639-1 code such as `en` or `ja`; '' = the engine detects it. */
  language: z.string().trim().regex(/^([a-z]{2,3})?$/, 'Use a language code such as en or ja, or leave it empty'),
  /** whisper.cpp: its command-line program (`whisper-cli`) and a ggml model file the user picked. */
  whisperBinary: z.string().trim().max(2000),
  whisperModel: z.string().trim().max(2000),
}

export const sttSettingsSchema = z
  .object({
    provider: sttFields.provider.default('server'),
    baseUrl: sttFields.baseUrl.default(''),
    model: sttFields.model.default('whisper-1'),
    language: sttFields.language.default(''),
    whisperBinary: sttFields.whisperBinary.default(''),
    whisperModel: sttFields.whisperModel.default(''),
  })
  .refine((s) => s.provider !== 'openai' || s.baseUrl !== '', { message: 'Give the transcription endpoint’s address', path: ['baseUrl'] })
export type SttSettings = z.output<typeof sttSettingsSchema>

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  server: serverSettingsSchema.default(() => serverSettingsSchema.parse({})),
  /** The built-in companion server's brain. */
  companion: companionSettingsSchema.default(() => companionSettingsSchema.parse({})),
  /** Speech-to-text: where what the user says is recognised. */
  stt: sttSettingsSchema.default(() => sttSettingsSchema.parse({})),
  agentId: identifier.default('mira'),
  userId: identifier.default('local-user'),
  displayName: z.string().trim().max(100).default(''),
  persona: z.string().max(20_000).default(''),
  /** Short-term-memory window sent as `limit`. */
  historyLimit: z.number().int().min(1).max(200).default(10),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  language: z.enum(['system', 'en', 'ja', 'ko']).default('system'),
})

export type Settings = z.output<typeof settingsSchema>
export const defaultSettings = (): Settings => settingsSchema.parse({})

/** A partial update from the UI, validated like the file. */
export const settingsPatchSchema = z
  .object({
    // Built without defaults: `.partial()` keeps them, and `{ url }` would reset `mode`.
    server: z.object(serverFields).partial().strict(),
    companion: z.object(companionFields).partial().strict(),
    stt: z.object(sttFields).partial().strict(),
    agentId: identifier,
    userId: identifier,
    displayName: z.string().trim().max(100),
    persona: z.string().max(20_000),
    historyLimit: z.number().int().min(1).max(200),
    theme: z.enum(['system', 'light', 'dark']),
    language: z.enum(['system', 'en', 'ja', 'ko']),
  })
  .partial()
  .strict()
export type SettingsPatch = z.input<typeof settingsPatchSchema>

/** What the renderer sees: the settings, plus whether a token is saved — never the token. */
export const settingsViewSchema = z.object({
  settings: settingsSchema,
  /** A token applies to the custom server address: saved for its server (or given by `MIRA_TOKEN`). */
  hasToken: z.boolean(),
  /** The server (origin) the saved token belongs to, when one is saved; absent with `MIRA_TOKEN`, which any address uses. */
  tokenOrigin: z.string().optional(),
  /** Whether an API key (Lexicon's) is saved for the custom server address's server. */
  hasServerApiKey: z.boolean().optional(),
  /** Whether an API key for the companion's model endpoint is saved. */
  hasCompanionApiKey: z.boolean().default(false),
  /** Whether an API key is saved for the transcription endpoint's server (`stt.baseUrl`'s origin). */
  hasSttApiKey: z.boolean().optional(),
  /** Set when the settings file was unreadable and defaults are in use. */
  recoveredFrom: z.string().optional(),
  /** What this run was started with (`--server`/`MIRA_SERVER`, `--token`/`MIRA_TOKEN`): used instead of the settings, never saved. */
  startedWith: z.object({ serverUrl: z.string().optional(), token: z.boolean().optional() }).optional(),
})
export type SettingsView = z.output<typeof settingsViewSchema>
