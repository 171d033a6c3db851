/**
 * The single source of host API names. Zod-free, so the preload can import it and stay tiny.
 * `commands.ts` gives each name its request/response schemas; a type check keeps the two in step.
 */
export const HOST_COMMAND_NAMES = [
  'getAppInfo',
  'getSnapshot',
  'retryConnection',
  'sendMessage',
  'interrupt',
  'retryMessage',
  'discardMessage',
  'getSettings',
  'updateSettings',
  'resetSettings',
  'setToken',
  'setCompanionApiKey',
  'setServerApiKey',
  'fetchBackgrounds',
  'fetchAvatarConfigs',
  'switchAvatarConfig',
  'synthesize',
  'cancelSynthesis',
  'listConversations',
  'loadConversation',
  'renameConversation',
  'deleteConversation',
  'restoreConversation',
  'openExternal',
  'addBackground',
  'listLocalBackgrounds',
  'removeBackground',
  'testConnection',
  'transcribe',
  'setSttApiKey',
  'setGlobalPushToTalk',
  'listWhisperModels',
  'downloadWhisperModel',
  'cancelWhisperModelDownload',
  'removeWhisperModel',
  'getSttStatus',
  'testStt',
  'listCharacters',
  'addCharacter',
  'removeCharacter',
  'chooseCharacter',
  'setLive2dRuntime',
  'listOfflineVoices',
  'testOfflineVoice',
  'setCharacterSettings',
  'setCharacterThumbnail',
] as const
export type HostCommandName = (typeof HOST_COMMAND_NAMES)[number]

/** IPC channel of a command (Electron transport). */
export const commandChannel = (name: HostCommandName): string => `mira:cmd:${name}`
/** IPC channel of event batches, main → renderer. */
export const EVENTS_CHANNEL = 'mira:events'
/** The key under which the preload exposes the API on `window`. */
export const HOST_API_GLOBAL = 'mira'

/**
 * An Error crossing Electron's contextBridge keeps only its message, so the preload writes the
 * host error code into it: `[not-ready] The link is not ready`. A message the renderer can word
 * itself adds its text code and, URI-encoded JSON, its params: `[refused bgDiskFull] …`,
 * `[invalid-request bgTooLarge %7B%22max%22%3A20%7D] …`. `parseBridgeError` gets them back
 * (the params unchecked: the renderer validates them).
 */
export function formatBridgeError(code: string, message: string, text?: { textCode?: unknown; params?: unknown }): string {
  const textCode = typeof text?.textCode === 'string' && /^[a-zA-Z0-9]+$/.test(text.textCode) ? text.textCode : undefined
  const params = textCode !== undefined && text?.params !== undefined ? ` ${encodeURIComponent(JSON.stringify(text.params))}` : ''
  return textCode === undefined ? `[${code}] ${message}` : `[${code} ${textCode}${params}] ${message}`
}
export function parseBridgeError(text: string): { code: string; message: string; textCode?: string; params?: unknown } | undefined {
  // Not anchored: the bridge may put a prefix such as "Error: " in front.
  const match = /\[([a-z][a-z-]*)(?: ([a-zA-Z0-9]+)(?: ([^\s\]]+))?)?\] ([\s\S]*)$/.exec(text)
  const [, code, textCode, params, message] = match ?? []
  if (code === undefined || message === undefined) return undefined
  if (textCode === undefined) return { code, message }
  return params === undefined ? { code, message, textCode } : { code, message, textCode, params: decodeParams(params) }
}
function decodeParams(encoded: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(encoded)) as unknown
  } catch {
    return undefined
  }
}
