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
  'fetchBackgrounds',
  'fetchAvatarConfigs',
  'switchAvatarConfig',
  'synthesize',
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
 * host error code into it: `[not-ready] The link is not ready`. `parseBridgeError` gets both back.
 */
export const formatBridgeError = (code: string, message: string): string => `[${code}] ${message}`
export function parseBridgeError(text: string): { code: string; message: string } | undefined {
  // Not anchored: the bridge may put a prefix such as "Error: " in front.
  const match = /\[([a-z][a-z-]*)\] ([\s\S]*)$/.exec(text)
  return match?.[1] !== undefined && match[2] !== undefined ? { code: match[1], message: match[2] } : undefined
}
