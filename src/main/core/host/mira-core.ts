/**
 * The composition root of the Electron-free core: settings, secrets, outbox, the server endpoint,
 * the link and the chat session, exposed as one `HostCore` that both transports serve.
 */
import { join } from 'node:path'
import { mkdir } from 'node:fs/promises'
import { HostError, type HostEvent, type HostEventListener, type HostHandlers, type LinkStatus } from '../../../shared/host'
import { messageOf } from '../../../shared/errors'
import type { SettingsView } from '../../../shared/settings'
import { startCompanionServer, type CompanionOptions, type CompanionServer } from '../../../server'
import { SpareChat } from '../protocols/lexicon-setup'
import { applySystemEvent, isLoopbackUrl, type SystemEvent } from '../link/reconnect-policy'
import { Outbox } from '../session/outbox'
import { SettingsStore } from '../settings/settings-store'
import { FileSecretStore, type SecretStore } from '../settings/secret-store'
import { HistoryStore } from '../history/history-store'
import { BACKGROUNDS_DIR, BackgroundStore } from '../backgrounds/background-store'
import { backgroundUrls } from '../backgrounds/background-urls'
import { CHARACTERS_DIR, CharacterStore } from '../avatars/character-store'
import { characterUrls } from '../avatars/character-urls'
import { EventBatcher } from './event-batcher'
import type { HostCore, LocalBackgroundFiles } from './dispatch'
import { createHostHandlers, type HandlerDeps } from './handlers'
import { createOfflineVoiceHandlers } from './offline-voice-commands'
import { openEndpoint, type Endpoint, type EndpointDeps } from './server-endpoint'
import { buildConnection, type AnyLink, type Connection } from './connection'
import { connectFailed, endpointFailed } from './connection-status'
import { KindRetries } from './kind-retry'
import { bindUnboundApiKey, companionApiKeyFor } from '../settings/companion-api-key'
import { bindUnboundToken, savedTokenFor, savedTokenOrigin } from '../settings/server-token'
import { savedApiKeyFor } from '../settings/server-api-key'
import { sttKeyFor } from '../stt/stt-key'
import { modelsDir } from '../stt/models/catalogue'
import { WhisperModels } from '../stt/models/whisper-models'

export interface MiraCoreOptions {
  dataDir: string
  transport: 'electron' | 'web'
  /** Default: a 0600 file in the data dir. The Electron shell passes a safeStorage-backed store. */
  secrets?: SecretStore
  /** From CLI flags or env: a server (and token) to use instead of the settings, not persisted. */
  overrides?: { serverUrl?: string; token?: string }
  startCompanion?: (options: CompanionOptions) => Promise<CompanionServer>
  appVersion?: string
  log?: (line: string) => void
  /** Opens a link in the system browser (Electron's `shell.openExternal`); web mode leaves it to the page. */
  openExternal?: (url: string) => Promise<void>
  /** System-wide push-to-talk (the Electron shell's key hook); web mode has none. */
  globalPushToTalk?: HandlerDeps['globalPushToTalk']
  /** Where whisper.cpp models download from instead of whisper.cpp's Hugging Face repository (a mirror; `MIRA_WHISPER_MODEL_URL`). */
  modelBaseUrl?: string | undefined
}

export interface MiraCore extends HostCore {
  /** The OS reports the network up (`true`) or down: a link still trying tries now (reconnect-policy.ts). */
  networkChanged(online: boolean): void
  /** The machine woke from sleep: a link still trying tries now, and one to another machine is replaced. */
  resumed(): void
  readonly localBackgrounds: LocalBackgroundFiles
  readonly localCharacters: LocalBackgroundFiles
  /** The REST origin of the server in use (for the CSP). */
  serverOrigin(): string | undefined
  /** Puts an event of the host's own (an `app-command` from the tray or menu) on the event stream. */
  emit(event: HostEvent): void
  close(): Promise<void>
}

export async function createMiraCore(options: MiraCoreOptions): Promise<MiraCore> {
  const log = options.log ?? ((line: string) => console.error(`[mira] ${line}`))
  await mkdir(options.dataDir, { recursive: true })
  const settings = await SettingsStore.open(join(options.dataDir, 'settings.json'))
  const secrets = options.secrets ?? (await FileSecretStore.open(join(options.dataDir, 'secrets.json')))
  const outbox = await Outbox.open(join(options.dataDir, 'outbox.json'))
  const batcher = new EventBatcher()
  const emit = (event: HostEvent): void => batcher.push(event)
  // The history hears exactly what the UI hears, so both tell the same story.
  const history = await HistoryStore.open(join(options.dataDir, 'history'), { log })
  const urls = backgroundUrls(options.transport)
  const backgrounds = await BackgroundStore.open(join(options.dataDir, BACKGROUNDS_DIR), { urlOf: urls.urlOf })
  const characterAddress = characterUrls(options.transport)
  const characters = await CharacterStore.open(join(options.dataDir, CHARACTERS_DIR), { urlOf: characterAddress.urlOf })
  batcher.subscribe((events) => history.record(events))
  const whisperModels = new WhisperModels({ dir: modelsDir(options.dataDir), baseUrl: options.modelBaseUrl, onChange: (models) => emit({ type: 'whisper-models', models }) })

  await bindUnboundToken(secrets, settings.get().server.url)
  await bindUnboundApiKey(secrets, settings.get().companion.llmBaseUrl)
  const savedToken = async (url: string): Promise<string | undefined> => options.overrides?.token ?? (await savedTokenFor(secrets, url))
  const { serverUrl: givenServer, token: givenToken } = options.overrides ?? {}
  const startedWith = givenServer || givenToken ? { ...(givenServer ? { serverUrl: givenServer } : {}), ...(givenToken ? { token: true } : {}) } : undefined
  const view = async (): Promise<SettingsView> => {
    // `MIRA_TOKEN` is used for any address, so the saved token's server says nothing then.
    const tokenOrigin = options.overrides?.token ? undefined : await savedTokenOrigin(secrets)
    return {
      settings: settings.get(),
      hasToken: Boolean(await savedToken(settings.get().server.url)),
      hasServerApiKey: Boolean(await savedApiKeyFor(secrets, settings.get().server.url)),
      ...(tokenOrigin ? { tokenOrigin } : {}),
      hasCompanionApiKey: Boolean(await companionApiKeyFor(secrets, settings.get().companion.llmBaseUrl)),
      hasSttApiKey: Boolean(await sttKeyFor(secrets, settings.get().stt.baseUrl)),
      ...(settings.recoveredFrom ? { recoveredFrom: settings.recoveredFrom } : {}),
      ...(startedWith ? { startedWith } : {}),
    }
  }

  let connection: Connection | undefined
  const spareChat = new SpareChat()
  let closed = false
  let builtinPort: number | undefined

  // *Automatic* with nobody at the address yet: the endpoint's probe retried on the link's schedule.
  const kindRetries = new KindRetries()
  const statusOf = (link: AnyLink, endpoint: Endpoint): LinkStatus =>
    kindRetries.status(endpoint) ?? (endpoint.problem ? endpointFailed(link.status, endpoint) : link.status)

  async function connect(found?: EndpointDeps['found']): Promise<Connection> {
    const endpoint = await openEndpoint({
      ...(found ? { found } : {}),
      settings: settings.get(),
      secrets,
      dataDir: options.dataDir,
      overrides: options.overrides,
      startCompanion: options.startCompanion ?? startCompanionServer,
      ...(builtinPort ? { builtinPort } : {}),
      ...(options.appVersion ? { version: options.appVersion } : {}),
      log,
    })
    if (endpoint.kind === 'builtin' && !endpoint.problem) builtinPort = Number(new URL(endpoint.restBase).port)
    const built = buildConnection(endpoint, { settings, outbox, spareChat, log, emit })
    const { link } = built
    link.on('status', () => emit({ type: 'link-status', status: statusOf(link, endpoint) }))
    kindRetries.watch(endpoint, () => emit({ type: 'link-status', status: statusOf(link, endpoint) }), (found) => {
      // Only while this endpoint is in use: a settings change replaces it (and stops the retry).
      if (connection?.endpoint === endpoint) reconnect(found).catch((error: unknown) => log(`reconnect failed: ${messageOf(error)}`))
    })
    if (!endpoint.problem) link.start()
    emit({ type: 'link-status', status: statusOf(link, endpoint) })
    return built
  }

  async function disconnect(): Promise<void> {
    const current = connection
    connection = undefined
    if (!current) return
    current.session.dispose()
    kindRetries.stop(current.endpoint)
    await current.link.stop()
    current.release?.()
    await current.endpoint.close()
  }

  /**
   * The attempt under way, if any. Attempts are serialized so that quick successive settings changes
   * never leave two links alive; a failed one is forgotten, so the next call tries again.
   */
  let attempt: Promise<Connection> | undefined
  function reconnect(found?: EndpointDeps['found']): Promise<Connection> {
    if (closed) return Promise.reject(new HostError('not-ready', 'The chat session is closed', { textCode: 'sessionClosed' }))
    const previous = attempt
    const run = (async () => {
      await previous?.catch(() => undefined)
      const last = connection && statusOf(connection.link, connection.endpoint)
      await disconnect()
      try {
        connection = await connect(found)
      } catch (error) {
        if (last) emit({ type: 'link-status', status: connectFailed(last, messageOf(error)) })
        throw error
      }
      return connection
    })()
    attempt = run
    const done = (): void => {
      if (attempt === run) attempt = undefined
    }
    run.then(done, done)
    return run
  }
  // No connection and no attempt under way means the last attempt failed: try again.
  const current = (): Promise<Connection> => (connection ? Promise.resolve(connection) : (attempt ?? reconnect()))

  settings.on('changed', () => {
    view().then(
      (v) => emit({ type: 'settings', view: v }),
      (error: unknown) => log(`settings view unavailable: ${messageOf(error)}`),
    )
  })
  const secretsProblem = secrets instanceof FileSecretStore ? secrets.problem : undefined
  // The shell has logged it already; the user hears it here.
  if (secretsProblem) emit({ type: 'notice', level: 'warning', text: secretsProblem })
  if (settings.readOnly) {
    log(`settings: ${settings.readOnly}`)
    emit({ type: 'notice', level: 'warning', text: `${settings.readOnly}.` })
  }
  if (settings.recoveredFrom) {
    emit({
      type: 'notice',
      level: 'warning',
      text: `Your settings file could not be read, so defaults are in use. The old file was kept as ${settings.recoveredFrom}.`,
    })
  }

  const offlineVoices = createOfflineVoiceHandlers()
  const handlers: HostHandlers = createHostHandlers({
    offlineVoices,
    appInfo: { version: options.appVersion ?? '0.0.0', transport: options.transport, dataDir: options.dataDir },
    current,
    reconnect,
    settings,
    secrets,
    outbox,
    view,
    statusOf,
    retryKind: (endpoint) => kindRetries.retryNow(endpoint),
    history,
    backgrounds,
    characters,
    savedToken,
    whisperModels,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    ...(options.globalPushToTalk ? { globalPushToTalk: options.globalPushToTalk } : {}),
  })

  function systemEvent(event: SystemEvent): void {
    const live = connection
    if (live) kindRetries.systemEvent(live.endpoint, event)
    if (!live || live.endpoint.problem) return
    applySystemEvent(live.link, event, live.endpoint.kind === 'builtin' || isLoopbackUrl(live.endpoint.url))
  }

  await current()
  return {
    handlers,
    onEvents: (listener: HostEventListener) => batcher.subscribe(listener),
    localBackgrounds: {
      open: async (url) => {
        const file = urls.fileOf(url)
        return file === undefined ? undefined : backgrounds.read(file)
      },
    },
    localCharacters: {
      open: async (url) => {
        const file = characterAddress.fileOf(url)
        return file === undefined ? undefined : characters.read(file)
      },
    },
    networkChanged: (online) => systemEvent(online ? 'online' : 'offline'),
    resumed: () => systemEvent('resumed'),
    serverOrigin: () => (connection ? new URL(connection.endpoint.restBase).origin : undefined),
    emit,
    async close() {
      if (closed) return
      closed = true
      whisperModels.close()
      await attempt?.catch(() => undefined)
      await disconnect()
      await offlineVoices.close()
      batcher.dispose()
      // Nothing may still be writing into the data dir once `close` resolves.
      await Promise.all([history.flush(), outbox.flush().catch(() => undefined)])
    },
  }
}
