/**
 * Settings file migrations. `migrations[n]` turns a version-`n` document into version `n + 1`;
 * a file without `version` is version 0. Each step gets plain JSON and returns plain JSON: the
 * schema check runs once, on the final result.
 */
import { SETTINGS_VERSION } from '../../../shared/settings'

type Json = Record<string, unknown>
type Migration = (doc: Json) => Json

export const migrations: Record<number, Migration> = {
  /** v0 kept the server address flat (`serverUrl`) and had no built-in server: it was always custom. */
  0: (doc) => {
    const { serverUrl, ...rest } = doc
    const server = isObject(rest.server) ? rest.server : {}
    return {
      ...rest,
      version: 1,
      server: typeof serverUrl === 'string' ? { mode: 'custom', ...server, url: serverUrl } : server,
    }
  },
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

/** A file written by a newer Mira: not corrupt, only not ours to rewrite. */
export class NewerSettingsError extends MigrationError {
  override name = 'NewerSettingsError'
  constructor(
    readonly version: number,
    readonly doc: Json,
  ) {
    super(`The settings file is version ${version}, newer than this app understands (${SETTINGS_VERSION})`)
  }
}

/** Brings a parsed document to the current version. Returns whether anything changed. */
export function migrateSettings(doc: unknown, table: Record<number, Migration> = migrations): { doc: Json; migrated: boolean } {
  if (!isObject(doc)) throw new MigrationError('The settings file is not a JSON object')
  let current: Json = doc
  let version = versionOf(current)
  const start = version
  while (version < SETTINGS_VERSION) {
    const step = table[version]
    if (!step) throw new MigrationError(`No migration from settings version ${version}`)
    current = step(current)
    const next = versionOf(current)
    if (next !== version + 1) throw new MigrationError(`Migration from version ${version} produced version ${next}`)
    version = next
  }
  if (version > SETTINGS_VERSION) throw new NewerSettingsError(version, current)
  return { doc: current, migrated: version !== start }
}

function versionOf(doc: Json): number {
  const { version } = doc
  if (version === undefined) return 0
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new MigrationError(`Invalid settings version: ${JSON.stringify(version)}`)
  }
  return version
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
