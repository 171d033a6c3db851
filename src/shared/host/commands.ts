/**
 * The host API: commands the renderer calls (request → response, validated on both sides) and
 * the event stream it listens to. Electron IPC and the web-mode WebSocket both carry exactly this.
 */
import { z } from 'zod'
import type { HostCommandName } from './channels'
import { externalUrl } from '../external-url'
import { linkStatusSchema } from './link-status'
import { outgoingMessageSchema } from './messages'
import { avatarConfigSchema, avatarModelSchema, backgroundSchema, type HostEvent } from './events'
import { chatUrl, settingsPatchSchema, settingsViewSchema, STT_PROVIDERS } from '../settings'
import {
  conversationKeyRequestSchema,
  conversationSummarySchema,
  historyMessageSchema,
  renameConversationRequestSchema,
  serverHistoryStateSchema,
} from './conversations'
import { addBackgroundRequestSchema, localBackgroundSchema } from './backgrounds'
import { addCharacterRequestSchema, characterListSchema, live2dRuntimesSchema, localCharacterSchema, setCharacterSettingsRequestSchema, setCharacterThumbnailRequestSchema, setLive2dRuntimeRequestSchema } from './characters'
import { testConnectionRequestSchema, testConnectionResponseSchema } from './connection-test'
import { hostTextCodeSchema, hostTextParamsSchema, type HostTextParams } from './host-text'
import { globalPttStatusSchema, setGlobalPttRequestSchema } from './push-to-talk'
import { sttStatusSchema, whisperModelListSchema } from './stt'

const none = z.object({}).strict().optional()
const ok = z.object({ ok: z.literal(true) })
const synthesisId = z.string().min(1).max(100)
const whisperModelId = z.string().regex(/^[a-z0-9.-]{1,40}$/, 'Not a model name')

export const hostCommandSchemas = {
  getAppInfo: {
    request: none,
    response: z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(['electron', 'web']),
      platform: z.string(),
      dataDir: z.string(),
    }),
  },
  /** Everything a freshly loaded renderer needs to draw the current state. */
  getSnapshot: {
    request: none,
    response: z.object({
      status: linkStatusSchema,
      messages: z.array(outgoingMessageSchema),
      settings: settingsViewSchema,
      /** The avatar in use on this connection, once the server has sent one (`set_model_and_conf`). */
      avatar: z.object({ model: avatarModelSchema, file: z.string().optional() }).optional(),
    }),
  },
  /** Reconnect now instead of waiting for the backoff (also leaves `auth-failed`). */
  retryConnection: { request: none, response: ok },
  sendMessage: {
    request: z
      .object({
        text: z.string().max(100_000).refine((t) => t.trim().length > 0, 'The message is empty'),
        /** Omit to start a new conversation. */
        conversationKey: z.string().min(1).max(200).optional(),
        images: z.array(z.string().max(20_000_000)).max(16).optional(),
      })
      .strict(),
    response: outgoingMessageSchema,
  },
  interrupt: { request: z.object({ turnId: z.string().min(1).optional() }).strict().optional(), response: ok },
  retryMessage: { request: z.object({ id: z.string().min(1) }).strict(), response: outgoingMessageSchema },
  discardMessage: { request: z.object({ id: z.string().min(1) }).strict(), response: ok },
  getSettings: { request: none, response: settingsViewSchema },
  updateSettings: { request: settingsPatchSchema, response: settingsViewSchema },
  /** Back to the default settings (the saved token and API key stay). */
  resetSettings: { request: none, response: settingsViewSchema },
  /**
   * Saves (or with `null` clears) the server token, for the server at `url` (default: the saved custom
   * address); it is never sent to another server. The token never comes back.
   */
  setToken: {
    request: z.object({ token: z.string().trim().min(1).max(4096).nullable(), url: chatUrl.optional() }).strict(),
    response: settingsViewSchema,
  },
  /**
   * Saves (or with `null` clears) the API key of the companion's model endpoint, for the endpoint at
   * `baseUrl` (default: the saved `llmBaseUrl`); it is never sent to another. It never comes back.
   */
  setCompanionApiKey: {
    request: z.object({ apiKey: z.string().trim().min(1).max(4096).nullable(), baseUrl: z.string().trim().url().max(2000).optional() }).strict(),
    response: settingsViewSchema,
  },
  /**
   * Saves (or with `null` clears) the chat server's API key (Lexicon's tenant key), for the server at
   * `url` (default: the saved custom address); it is never sent to another server. It never comes back.
   */
  setServerApiKey: {
    request: z.object({ apiKey: z.string().trim().min(1).max(4096).nullable(), url: chatUrl.optional() }).strict(),
    response: settingsViewSchema,
  },
  fetchBackgrounds: { request: none, response: z.object({ backgrounds: z.array(backgroundSchema) }) },
  fetchAvatarConfigs: { request: none, response: z.object({ configs: z.array(avatarConfigSchema) }) },
  switchAvatarConfig: {
    request: z.object({ file: z.string().min(1).max(500) }).strict(),
    response: z.object({ model: avatarModelSchema }),
  },
  /**
   * Server TTS (`POST /v1/tts/synthesize`): a complete audio file, as bytes. With a `requestId`,
   * `cancelSynthesis` stops it (the host hangs up on the server, which drops the job).
   */
  synthesize: {
    request: z
      .object({ text: z.string().min(1).max(20_000), referenceId: z.string().max(200).optional(), requestId: synthesisId.optional() })
      .strict(),
    response: z.object({ audio: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected audio bytes'), mimeType: z.string() }),
  },
  /** Stops a `synthesize` still running (Stop, or its sentence was dropped); one already done or unknown: nothing to do. */
  cancelSynthesis: { request: z.object({ requestId: synthesisId }).strict(), response: ok },
  /** The app's history merged with the server's sessions (when it keeps them), newest first. */
  listConversations: {
    request: none,
    response: z.object({
      conversations: z.array(conversationSummarySchema),
      server: serverHistoryStateSchema,
      /** Why the server's sessions are missing, when `server` is `unavailable`. */
      problem: z.string().optional(),
    }),
  },
  /** A past conversation's messages, oldest first; new messages sent with its key continue it. */
  loadConversation: {
    request: conversationKeyRequestSchema,
    response: z.object({ conversation: conversationSummarySchema, messages: z.array(historyMessageSchema) }),
  },
  renameConversation: { request: renameConversationRequestSchema, response: conversationSummarySchema },
  /** Moves a conversation to the trash: `restoreConversation` brings it back until the app restarts. */
  deleteConversation: { request: conversationKeyRequestSchema, response: ok },
  restoreConversation: { request: conversationKeyRequestSchema, response: conversationSummarySchema },
  /** Copies one of the user's images (base64 bytes) into the data dir as a background; not an image, or too large: refused. */
  addBackground: { request: addBackgroundRequestSchema, response: localBackgroundSchema },
  listLocalBackgrounds: { request: none, response: z.object({ backgrounds: z.array(localBackgroundSchema) }) },
  removeBackground: { request: z.object({ id: z.string().min(1).max(100) }).strict(), response: ok },
  /** The user's own characters (kept in the data dir), the one chosen, and the Live2D runtimes they supplied. */
  listCharacters: { request: none, response: characterListSchema },
  /** Copies a `.vrm` (base64 bytes) into the data dir and chooses it; not a VRM, or too large: refused. */
  addCharacter: { request: addCharacterRequestSchema, response: localCharacterSchema },
  removeCharacter: { request: z.object({ id: z.string().min(1).max(100) }).strict(), response: ok },
  /** Puts one of the user's characters on the stage (over the server's); `null` gives the stage back to the server's. */
  chooseCharacter: { request: z.object({ id: z.string().min(1).max(100).nullable() }).strict(), response: ok },
  /** Keeps how one of the user's characters is placed (scale, offset) and its emotion map. */
  setCharacterSettings: { request: setCharacterSettingsRequestSchema, response: localCharacterSchema },
  /** Keeps the picture the page rendered of one of the user's characters (a PNG), for the Character menu. */
  setCharacterThumbnail: { request: setCharacterThumbnailRequestSchema, response: localCharacterSchema },
  /** Keeps a Live2D runtime the user supplied (Cubism Core, or Cubism 2's), recognized by its contents. */
  setLive2dRuntime: { request: setLive2dRuntimeRequestSchema, response: z.object({ runtimes: live2dRuntimesSchema }) },
  /** `mira doctor`'s checks against the address and token in the settings dialog (saved or not); each step time-bounded. */
  testConnection: { request: testConnectionRequestSchema, response: testConnectionResponseSchema },
  /**
   * Opens a link from an answer in the system browser (the renderer asked the reader first).
   * `opened: false`: the host has no browser of its own to hand it to (web mode: the page opens it).
   */
  openExternal: {
    request: z
      .object({
        url: z.string().max(8_192).refine((url) => externalUrl(url) !== undefined, 'Only http:, https: and mailto: links can be opened'),
      })
      .strict(),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * Speech to text with the provider chosen in the settings (keys stay in the host): a 16 kHz mono
   * 16-bit WAV, base64 (up to 25 MB of audio), in; the recognised text out.
   */
  transcribe: {
    request: z.object({ audioBase64: z.string().min(1).max(35_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64') }).strict(),
    response: z.object({ text: z.string(), engine: z.string(), provider: z.enum(STT_PROVIDERS) }),
  },
  /** Saves (or with `null` clears) the transcription endpoint's API key, for the server of `stt.baseUrl`. It never comes back. */
  setSttApiKey: {
    request: z.object({ apiKey: z.string().trim().min(1).max(4096).nullable() }).strict(),
    response: settingsViewSchema,
  },
  /**
   * System-wide push-to-talk on `key` (or off with `null`): the desktop shell hooks the key and sends
   * `push-to-talk` events; the answer says whether it is held or toggled, or why it is unavailable.
   */
  setGlobalPushToTalk: { request: setGlobalPttRequestSchema, response: globalPttStatusSchema },
  /** The voices of the built-in server's offline engine (espeak-ng), for the settings' list. */
  listOfflineVoices: {
    request: none,
    response: z.object({ voices: z.array(z.object({ id: z.string().max(50), name: z.string().max(100) })) }),
  },
  /** A sample in an offline voice at a rate, as the built-in server would speak it (saved or not, whichever server is in use). */
  testOfflineVoice: {
    request: z
      .object({
        voice: z.string().trim().max(50).regex(/^[a-z0-9+-]*$/i, 'Not a voice name'),
        rate: z.number().int().min(80).max(450),
        text: z.string().trim().min(1).max(500),
      })
      .strict(),
    response: z.object({ audio: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected audio bytes'), mimeType: z.string() }),
  },
  /** The whisper.cpp models the app offers, with their state in the data folder (changes come as `whisper-models` events). */
  listWhisperModels: { request: none, response: whisperModelListSchema },
  /** Starts (or resumes) downloading a model; progress and the outcome come as `whisper-models` events. */
  downloadWhisperModel: { request: z.object({ id: whisperModelId }).strict(), response: ok },
  /** Stops a download; what came so far is kept, and downloading again resumes it. */
  cancelWhisperModelDownload: { request: z.object({ id: whisperModelId }).strict(), response: ok },
  removeWhisperModel: { request: z.object({ id: whisperModelId }).strict(), response: ok },
  /** Each recogniser's state: the server's engine, the OpenAI-compatible endpoint, whisper.cpp here. */
  getSttStatus: { request: none, response: sttStatusSchema },
  /** Transcribes a short built-in sample (espeak-ng saying a sentence) with this provider and the saved settings. */
  testStt: {
    request: z.object({ provider: z.enum(STT_PROVIDERS) }).strict(),
    response: z.object({ text: z.string(), engine: z.string(), provider: z.enum(STT_PROVIDERS), said: z.string() }),
  },
} as const satisfies Record<HostCommandName, { request: z.ZodType; response: z.ZodType }>

// Both directions of the check: every name has schemas, and no schema lacks a name.
type _NamesMatch = [keyof typeof hostCommandSchemas] extends [HostCommandName]
  ? [HostCommandName] extends [keyof typeof hostCommandSchemas]
    ? true
    : never
  : never
const _namesMatch: _NamesMatch = true
void _namesMatch

export type HostRequest<K extends HostCommandName> = z.input<(typeof hostCommandSchemas)[K]['request']>
export type HostResponse<K extends HostCommandName> = z.output<(typeof hostCommandSchemas)[K]['response']>

export type HostEventListener = (events: HostEvent[]) => void

/** What the renderer codes against. Undefined-able requests may be called with no argument. */
export type HostApi = {
  [K in HostCommandName]: undefined extends HostRequest<K>
    ? (request?: HostRequest<K>) => Promise<HostResponse<K>>
    : (request: HostRequest<K>) => Promise<HostResponse<K>>
} & {
  /** Subscribes to event batches; returns the unsubscribe function. */
  onEvents(listener: HostEventListener): () => void
}

/** The host side: one handler per command, called with an already validated request. */
export type HostHandlers = {
  [K in HostCommandName]: (request: z.output<(typeof hostCommandSchemas)[K]['request']>) => Promise<HostResponse<K>>
}

/** A command failure that crosses the bridge: a stable code and a message for people. */
export const hostErrorSchema = z.object({
  code: z.enum(['invalid-request', 'unknown-command', 'not-ready', 'timeout', 'server-error', 'refused', 'internal']),
  message: z.string(),
  /** What the message says, for the renderer to word it in the reader's language (see host-text.ts). */
  textCode: hostTextCodeSchema.optional(),
  params: hostTextParamsSchema.optional(),
})
export type HostErrorInfo = z.infer<typeof hostErrorSchema>

export class HostError extends Error {
  override name = 'HostError'
  readonly textCode: string | undefined
  readonly params: HostTextParams | undefined
  constructor(
    readonly code: HostErrorInfo['code'],
    message: string,
    text?: { textCode: string; params?: HostTextParams },
  ) {
    super(message)
    this.textCode = text?.textCode
    this.params = text?.params
  }
  toInfo(): HostErrorInfo {
    const text = this.textCode === undefined ? {} : { textCode: this.textCode, ...(this.params ? { params: this.params } : {}) }
    return { code: this.code, message: this.message, ...text }
  }
}
