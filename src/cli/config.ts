/**
 * What the CLI takes from the app's own files: the settings (read only — the CLI never rewrites
 * or moves them) and the saved server token; then `MIRA_SERVER` / `MIRA_TOKEN`, then flags.
 */
import { join } from 'node:path'
import { readJsonFile } from '../main/core/fs/atomic-write'
import { serverOverrides, type ServerOverrides } from '../main/core/host/overrides'
import { defaultDataDir, SECRETS_FILE, SETTINGS_FILE } from '../main/core/paths'
import { migrateSettings } from '../main/core/settings/migrations'
import { FileSecretStore } from '../main/core/settings/secret-store'
import { SERVER_TOKEN_ORIGIN_SECRET, SERVER_TOKEN_SECRET } from '../main/core/settings/server-token'
import { tryServerOriginOf } from '../shared/server-origin'
import { ServerUrlError } from '../shared/server-url'
import { defaultSettings, settingsSchema, type Settings } from '../shared/settings'
import { UsageError } from './args'
import type { CliIo } from './io'
import { companionDir, localCompanionToken, readLocalCompanion, type LocalCompanion } from './local-companion'
import { messageOf } from '../shared/errors'

export interface CliConfig {
  dataDir: string
  settingsFile: string
  /** `missing` or `invalid`: the defaults are in use. */
  settingsState: 'ok' | 'missing' | 'invalid'
  /** Why the settings or the secrets could not be used. */
  problems: string[]
  settings: Settings
  savedToken?: string
  /** The server (origin) the saved token belongs to: it is sent to that server only, as in the app. */
  savedTokenOrigin?: string
  /** What a `mira serve` on this data folder left for local clients. */
  localCompanion?: LocalCompanion
}

export async function loadCliConfig(io: CliIo, dataDirFlag?: string): Promise<CliConfig> {
  const dataDir = dataDirFlag ?? defaultDataDir(io.env, io.platform, io.home)
  const settingsFile = join(dataDir, SETTINGS_FILE)
  const problems: string[] = []
  const loaded = await readSettings(settingsFile)
  if (loaded.problem) problems.push(`${settingsFile}: ${loaded.problem}`)
  let savedToken: string | undefined
  let savedTokenOrigin: string | undefined
  try {
    const secrets = await FileSecretStore.open(join(dataDir, SECRETS_FILE))
    if (secrets.problem) problems.push(secrets.problem)
    savedToken = await secrets.get(SERVER_TOKEN_SECRET)
    // A token saved before tokens were bound belongs to the saved address (the app records that on its next start).
    savedTokenOrigin = (await secrets.get(SERVER_TOKEN_ORIGIN_SECRET)) ?? tryServerOriginOf(loaded.settings.server.url)
  } catch (error) {
    problems.push(`cannot read the saved token: ${messageOf(error)}`)
  }
  const localCompanion = await readLocalCompanion(companionDir(dataDir))
  return { dataDir, settingsFile, settingsState: loaded.state, problems, settings: loaded.settings, savedToken, savedTokenOrigin, localCompanion }
}

async function readSettings(file: string): Promise<{ state: CliConfig['settingsState']; settings: Settings; problem?: string }> {
  const invalid = (problem: string) => ({ state: 'invalid' as const, settings: defaultSettings(), problem })
  try {
    const read = await readJsonFile(file)
    if (read.kind === 'missing') return { state: 'missing', settings: defaultSettings() }
    if (read.kind === 'corrupt') return invalid(read.reason)
    const result = settingsSchema.safeParse(migrateSettings(read.value).doc)
    if (!result.success) {
      const issue = result.error.issues[0]
      return invalid(`invalid settings: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid value'}`)
    }
    return { state: 'ok', settings: result.data }
  } catch (error) {
    return invalid(messageOf(error))
  }
}

export interface ServerChoice {
  /** The normalized chat-stream URL. */
  url: string
  token?: string
  /** Where the token came from, for messages: `--token`, `MIRA_TOKEN`, the settings or the local companion. */
  tokenSource?: string
}

/**
 * Flags over `MIRA_SERVER` / `MIRA_TOKEN` over the settings file, then the token of a `mira serve` on this
 * machine when the address is that server's. A bad address is a usage error.
 */
export function chooseServer(config: CliConfig, env: NodeJS.ProcessEnv, flags: { server?: string; token?: string }): ServerChoice {
  const overrides = cliOverrides(env, flags)
  const url = overrides.serverUrl ?? config.settings.server.url
  if (overrides.token) return { url, token: overrides.token, tokenSource: flags.token === undefined ? 'MIRA_TOKEN' : '--token' }
  // The saved address gets the saved token only when it was saved for that server (a page may have changed
  // the address since); a server named on this command line (--server, MIRA_SERVER) is the user's own choice.
  const tokenFits = overrides.serverUrl !== undefined || tryServerOriginOf(url) === config.savedTokenOrigin
  if (config.savedToken && tokenFits) return { url, token: config.savedToken, tokenSource: 'the settings' }
  const local = localCompanionToken(url, config.localCompanion)
  if (local) return { url, token: local, tokenSource: 'the local `mira serve`' }
  return { url }
}

/** `serverOverrides`, with a bad address turned into a usage error. */
export function cliOverrides(env: NodeJS.ProcessEnv, flags: { server?: string; token?: string }): ServerOverrides {
  try {
    return serverOverrides(env, flags)
  } catch (error) {
    if (error instanceof ServerUrlError) throw new UsageError(`bad server address in ${error.message}`)
    throw error
  }
}
