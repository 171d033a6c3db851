/** The host commands, each a thin call into the core's objects. Requests arrive validated. */
import { HostError, type HostHandlers, type LinkStatus } from '../../../shared/host'
import { externalUrl } from '../../../shared/external-url'
import type { SettingsView } from '../../../shared/settings'
import type { GlobalPttKey, GlobalPttStatus } from '../../../shared/host/push-to-talk'
import type { Outbox } from '../session/outbox'
import type { SettingsStore } from '../settings/settings-store'
import type { SecretStore } from '../settings/secret-store'
import { createConversationHandlers } from '../history/conversation-commands'
import { createBackgroundHandlers } from '../backgrounds/background-commands'
import type { BackgroundStore } from '../backgrounds/background-store'
import { createCharacterHandlers } from '../avatars/character-commands'
import type { CharacterStore } from '../avatars/character-store'
import type { HistoryStore } from '../history/history-store'
import { createTestConnection } from '../doctor/test-connection'
import { createSynthesisHandlers } from './synthesis-commands'
import type { AnyLink, Connection } from './connection'
import type { Endpoint } from './server-endpoint'
import { saveCompanionApiKey } from '../settings/companion-api-key'
import { saveServerToken } from '../settings/server-token'
import { saveServerApiKey, savedApiKeyFor } from '../settings/server-api-key'
import { createSttHandlers } from '../stt/stt-commands'
import type { OfflineVoiceCommands } from './offline-voice-commands'
import { createModelHandlers } from '../stt/model-commands'
import type { WhisperModels } from '../stt/models/whisper-models'
import { createSttStatusHandlers } from '../stt/stt-status'
import { sttKeyFor } from '../stt/stt-key'

export interface HandlerDeps {
  appInfo: { version: string; transport: 'electron' | 'web'; dataDir: string }
  current: () => Promise<Connection>
  reconnect: () => Promise<Connection>
  settings: SettingsStore
  secrets: SecretStore
  outbox: Outbox
  view: () => Promise<SettingsView>
  statusOf: (link: AnyLink, endpoint: Endpoint) => LinkStatus
  /** *Retry* where *Automatic* is still looking for the server: probes now; false when it is not looking. */
  retryKind?: (endpoint: Endpoint) => boolean
  history: HistoryStore
  /** The user's own background images. */
  backgrounds: BackgroundStore
  /** The user's own characters and Live2D runtimes. */
  characters: CharacterStore
  /** Hands a checked link to the system browser (the Electron shell); absent in web mode, where the page opens it. */
  openExternal?: (url: string) => Promise<void>
  /** System-wide push-to-talk (the Electron shell's key hook); absent in web mode. */
  globalPushToTalk?: (key: GlobalPttKey | null) => Promise<GlobalPttStatus>
  /** The token for the server at `url`: the one given on the command line, else the one saved for that server (for the connection test). */
  savedToken: (url: string) => Promise<string | undefined>
  /** The built-in server's offline voices, listed and heard for the settings. */
  offlineVoices: OfflineVoiceCommands
  /** The whisper.cpp models in the data folder. */
  whisperModels: WhisperModels
}

/** Settings whose change needs a new endpoint (another server, or the built-in one restarted). */
const SERVER_KEYS = ['mode', 'url', 'silenceTimeoutMs'] as const
const COMPANION_KEYS = ['llmBaseUrl', 'llmModel', 'probeOllama', 'ttsVoice', 'ttsRate'] as const

const usesBuiltin = (settings: SettingsStore): boolean => settings.get().server.mode === 'builtin'

export function createHostHandlers(deps: HandlerDeps): HostHandlers {
  const { current, settings, secrets } = deps
  const sttServer = async (): Promise<{ restBase: string; token: string | undefined }> => {
    const { endpoint } = await current()
    return { restBase: endpoint.restBase, token: endpoint.token }
  }

  /** Runs a settings change, then reconnects when it touched the server or the built-in server's brain. */
  async function applySettings(change: () => Promise<unknown>): Promise<SettingsView> {
    const before = settings.get()
    await change()
    const after = settings.get()
    const serverChanged = SERVER_KEYS.some((key) => before.server[key] !== after.server[key])
    const brainChanged = COMPANION_KEYS.some((key) => before.companion[key] !== after.companion[key])
    // A Lexicon connection is made for one user (X-User-ID): another user id needs a new one.
    const userChanged = before.userId !== after.userId && !usesBuiltin(settings)
    if (serverChanged || userChanged || (brainChanged && usesBuiltin(settings))) await deps.reconnect()
    return deps.view()
  }

  return {
    getAppInfo: async () => ({ name: 'Mira', platform: process.platform, ...deps.appInfo }),
    getSnapshot: async () => {
      const { link, endpoint, session, avatar } = await current()
      const shown = avatar.snapshot()
      return { status: deps.statusOf(link, endpoint), messages: session.pending(), settings: await deps.view(), ...(shown ? { avatar: shown } : {}) }
    },
    retryConnection: async () => {
      const { link, endpoint } = await current()
      // A companion that failed to start gets a fresh start; a live link (or Automatic's probe) just skips its backoff.
      if (deps.retryKind?.(endpoint)) return { ok: true }
      if (endpoint.problem) await deps.reconnect()
      else link.retryNow('retry requested')
      return { ok: true }
    },
    sendMessage: async (request) => (await current()).session.submit(request),
    interrupt: async (request) => {
      ;(await current()).session.interrupt(request?.turnId)
      return { ok: true }
    },
    retryMessage: async ({ id }) => (await current()).session.retry(id),
    discardMessage: async ({ id }) => {
      ;(await current()).session.discard(id)
      return { ok: true }
    },
    getSettings: () => deps.view(),
    updateSettings: (patch) => applySettings(() => settings.update(patch)),
    resetSettings: () => applySettings(() => settings.reset()),
    setToken: async ({ token, url }) => {
      // Bound to the server it is typed for, which the dialog may save just after: it is never sent elsewhere.
      await saveServerToken(secrets, token, url ?? settings.get().server.url)
      if (!usesBuiltin(settings)) await deps.reconnect()
      return deps.view()
    },
    setServerApiKey: async ({ apiKey, url }) => {
      // Bound to the server it is typed for, like the token: it is never sent elsewhere.
      await saveServerApiKey(secrets, apiKey, url ?? settings.get().server.url)
      if (!usesBuiltin(settings)) await deps.reconnect()
      return deps.view()
    },
    setCompanionApiKey: async ({ apiKey, baseUrl }) => {
      // Bound to the endpoint it is typed for, which the dialog may save just after: it is never sent elsewhere.
      const endpoint = baseUrl ?? settings.get().companion.llmBaseUrl
      if (apiKey !== null && endpoint === '') {
        throw new HostError('invalid-request', 'An API key needs the address of the endpoint it is for', { textCode: 'apiKeyNeedsEndpoint' })
      }
      await saveCompanionApiKey(secrets, apiKey, endpoint)
      if (usesBuiltin(settings) && settings.get().companion.llmBaseUrl) await deps.reconnect()
      return deps.view()
    },
    fetchBackgrounds: async () => ({ backgrounds: await (await current()).session.fetchBackgrounds() }),
    fetchAvatarConfigs: async () => ({ configs: await (await current()).session.fetchAvatarConfigs() }),
    switchAvatarConfig: async ({ file }) => ({ model: await (await current()).session.switchAvatarConfig(file) }),
    ...createSynthesisHandlers(async () => (await current()).rest),
    openExternal: async ({ url }) => {
      // Checked again here: the schema guards the bridge, this guards every other caller.
      const checked = externalUrl(url)
      if (checked === undefined) throw new HostError('refused', 'Only http:, https: and mailto: links can be opened outside Mira', { textCode: 'linkNotAllowed' })
      if (!deps.openExternal) return { opened: false }
      await deps.openExternal(checked)
      return { opened: true }
    },
    ...createBackgroundHandlers(deps.backgrounds),
    ...createSttHandlers({ settings, secrets, view: deps.view, server: sttServer }),
    ...createModelHandlers(deps.whisperModels),
    ...createSttStatusHandlers({ stt: () => settings.get().stt, apiKey: () => sttKeyFor(secrets, settings.get().stt.baseUrl), server: sttServer }),
    ...createCharacterHandlers(deps.characters),
    setGlobalPushToTalk: async ({ key }) => {
      if (deps.globalPushToTalk) return deps.globalPushToTalk(key)
      return key === null ? { mode: 'off' } : { mode: 'unavailable', key, reason: 'desktop-only' }
    },
    listOfflineVoices: deps.offlineVoices.listOfflineVoices,
    testOfflineVoice: deps.offlineVoices.testOfflineVoice,
    testConnection: createTestConnection({
      endpoint: async () => (await current()).endpoint,
      savedToken: deps.savedToken,
      agent: () => settings.get().agentId,
      savedApiKey: (url) => savedApiKeyFor(secrets, url),
      userId: () => settings.get().userId,
    }),
    ...createConversationHandlers({
      history: deps.history,
      rest: async () => (await current()).rest,
      identity: () => {
        const s = settings.get()
        return { userId: s.userId, agentId: s.agentId }
      },
      linkConversation: (key, conversationId) => deps.outbox.setConversationId(key, conversationId),
    }),
  }
}
