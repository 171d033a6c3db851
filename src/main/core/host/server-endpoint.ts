/**
 * Decides which agent server the app talks to, and starts the built-in companion when that is
 * the choice: CLI/env overrides first, then the settings' `builtin` or `custom` server.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { restBaseFromChatUrl } from '../../../shared/server-url'
import type { ProtocolKind } from '../../../shared/protocol'
import { detectKind, detectionText, type Detection, type Unreachable } from '../protocols/probe'
import type { Settings } from '../../../shared/settings'
import type { SecretStore } from '../settings/secret-store'
import { savedTokenFor, SERVER_TOKEN_SECRET } from '../settings/server-token'
import { createDemoBrain, type CompanionOptions, type CompanionServer, type TtsConfig } from '../../../server'
import { selectBrain } from '../../../server/brains/select'
import type { Brain } from '../../../server/brains/types'
import { messageOf } from '../../../shared/errors'
import { companionApiKeyFor } from '../settings/companion-api-key'
import { savedApiKeyFor } from '../settings/server-api-key'

export { SERVER_TOKEN_SECRET } from '../settings/server-token'
export const BUILTIN_TOKEN_SECRET = 'builtin-token'

export interface Endpoint {
  kind: 'builtin' | 'custom'
  url: string
  restBase: string
  token: string | undefined
  /** The API key saved for this server (Lexicon), never another server's. */
  apiKey?: string
  /** The chat protocol it speaks; absent: `dmp` (as the built-in server). */
  protocol?: ProtocolKind
  /** Why there is no usable endpoint (the companion failed to start, a protocol Mira cannot speak yet), with a fix. */
  problem?: string
  /** What `problem` says for the UI (host-text.ts): `builtinFailed` by default. */
  problemCode?: string
  /** The failure's own words in `problem` (the `error` param of the UI's text). */
  problemDetail?: string
  /** *Automatic* found nobody at the address to probe (`problemCode` `serverKindUnreachable`). */
  unreachable?: Unreachable
  close(): Promise<void>
}

export interface EndpointDeps {
  settings: Settings
  secrets: SecretStore
  dataDir: string
  overrides?: { serverUrl?: string; token?: string }
  startCompanion: (options: CompanionOptions) => Promise<CompanionServer>
  /**
   * The port the built-in server had before a restart (settings change): reused when free, so the
   * page's CSP and the background URLs it already holds stay valid.
   */
  builtinPort?: number
  /** What a probe of `url` just found (the core's retry for *Automatic*): used instead of probing again. */
  found?: { url: string; detection: Detection }
  version?: string
  log: (line: string) => void
}

const noop = async (): Promise<void> => {}

export async function openEndpoint(deps: EndpointDeps): Promise<Endpoint> {
  const { settings, secrets, overrides } = deps
  if (overrides?.serverUrl) {
    const url = overrides.serverUrl
    const token = overrides.token ?? (await secrets.get(SERVER_TOKEN_SECRET))
    return await custom(url, token, deps, await savedApiKeyFor(secrets, url))
  }
  if (settings.server.mode === 'custom') {
    const url = settings.server.url
    // Only the token saved for this server: another address gets none (settings/server-token.ts).
    const token = overrides?.token ?? (await savedTokenFor(secrets, url))
    return await custom(url, token, deps, await savedApiKeyFor(secrets, url))
  }
  return openBuiltin(deps)
}

/**
 * Another server, speaking the protocol the settings name, or for *Auto* the one its address tells
 * or a short probe finds (again for each new address, since each opens a new endpoint).
 */
async function custom(url: string, token: string | undefined, deps: EndpointDeps, apiKey: string | undefined): Promise<Endpoint> {
  const { settings, found, log } = deps
  const endpoint = { kind: 'custom' as const, url, restBase: restBaseFromChatUrl(url), token, ...(apiKey ? { apiKey } : {}), close: noop }
  const detection = found?.url === url && settings.server.kind === 'auto' ? found.detection : await detectKind(settings.server.kind, url)
  const protocol = detection.kind
  if (detection.kind !== undefined && detection.how === 'probe') log(detectionText(detection, url).text)
  if (protocol === undefined) {
    const said = detectionText(detection, url)
    log(said.text)
    if (detection.why === 'unreachable') {
      // The core probes again on the link's schedule (kind-retry.ts) while the status says "reconnecting".
      const problem = `Could not reach ${url} to tell which kind of server it is: start it and reconnect, or choose its kind in Settings → Server`
      return { ...endpoint, problem, problemCode: 'serverKindUnreachable', problemDetail: url, unreachable: detection }
    }
    const problem = `Cannot tell which kind of server ${url} is: choose its kind in Settings → Server`
    return { ...endpoint, problem, problemCode: 'serverKindUnknown', problemDetail: url }
  }
  return { ...endpoint, protocol }
}

async function openBuiltin(deps: EndpointDeps): Promise<Endpoint> {
  let token = await deps.secrets.get(BUILTIN_TOKEN_SECRET)
  if (!token) {
    // The user never types this token: it only keeps other local programs off the companion.
    token = randomBytes(24).toString('base64url')
    await deps.secrets.set(BUILTIN_TOKEN_SECRET, token)
  }
  const companionDir = join(deps.dataDir, 'companion')
  try {
    const brain = await companionBrain(deps)
    const start = (port: number) =>
      deps.startCompanion({
        host: '127.0.0.1',
        port,
        token,
        dataDir: companionDir,
        brain,
        ttsConfig: companionVoice(deps.settings),
        log: deps.log,
        ...(deps.version ? { version: deps.version } : {}),
      })
    // Port 0 at first: the OS picks a free port, so a busy 5500 never stops the app from starting.
    const server = deps.builtinPort ? await start(deps.builtinPort).catch(() => start(0)) : await start(0)
    return { kind: 'builtin', url: server.url, restBase: server.restBase, token, close: () => server.close() }
  } catch (error) {
    const reason = messageOf(error)
    const hint = (error as { hint?: unknown }).hint
    const problemDetail = `${reason}${typeof hint === 'string' ? ` — ${hint}` : ''}`
    const problem = `The built-in server could not start: ${problemDetail}`
    deps.log(problem)
    const url = 'ws://127.0.0.1:0/v1/chat/stream'
    return { kind: 'builtin', url, restBase: restBaseFromChatUrl(url), token, problem, problemDetail, close: noop }
  }
}

/** The companion's own offline voice, from the settings. */
function companionVoice(settings: Settings): TtsConfig {
  const { ttsVoice, ttsRate } = settings.companion
  return { engine: 'espeak', rate: ttsRate, ...(ttsVoice ? { voice: ttsVoice } : {}) }
}

/** The companion's brain from the settings: a configured endpoint, else a local Ollama, else the offline demo. */
async function companionBrain(deps: EndpointDeps): Promise<Brain> {
  const { llmBaseUrl, llmModel, probeOllama } = deps.settings.companion
  const apiKey = llmBaseUrl ? await companionApiKeyFor(deps.secrets, llmBaseUrl) : undefined
  return selectBrain({
    ...(llmBaseUrl ? { openai: { baseUrl: llmBaseUrl, model: llmModel, ...(apiKey ? { apiKey } : {}) } } : {}),
    probeOllama,
    fallback: () => createDemoBrain(),
    log: deps.log,
  })
}
