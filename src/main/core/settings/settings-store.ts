/**
 * The settings file: loaded once, validated, migrated, and rewritten atomically on every change.
 * A file that cannot be used is never silently overwritten: it is renamed aside first, and
 * `recoveredFrom` tells the UI where the old content went. A file written by a newer Mira, or one
 * that cannot be read at all (a directory, no permission), is never touched: the store is then
 * read-only (`readOnly` says why) and changes last only until the app closes.
 */
import type { z } from 'zod'
import { Emitter } from '../../../shared/emitter'
import { messageOf } from '../../../shared/errors'
import { defaultSettings, settingsPatchSchema, settingsSchema, type Settings } from '../../../shared/settings'
import { moveAside, readJsonFile, writeFileAtomic } from '../fs/atomic-write'
import { MigrationError, migrateSettings, NewerSettingsError } from './migrations'
import { describeIssue, invalidSettings } from './settings-refusal'

export type SettingsUpdate = z.output<typeof settingsPatchSchema>

export class SettingsStore extends Emitter<{ changed: Settings }> {
  /** Serializes updates so each one merges onto the result of the previous one. */
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly file: string,
    private current: Settings,
    /** Where an unusable settings file was moved; defaults are in use. */
    readonly recoveredFrom?: string,
    /** Why it was unusable, for logs. */
    readonly recoveryReason?: string,
    /** Why the file is left as it is: changes are kept in memory only. */
    readonly readOnly?: string,
  ) {
    super()
  }

  static async open(file: string): Promise<SettingsStore> {
    let read: Awaited<ReturnType<typeof readJsonFile>>
    try {
      read = await readJsonFile(file)
    } catch (error) {
      const why = `The settings file ${file} cannot be read (${messageOf(error)})`
      return new SettingsStore(file, defaultSettings(), undefined, undefined, `${why}: defaults are in use, and changes are not saved`)
    }
    if (read.kind === 'missing') {
      const settings = defaultSettings()
      await writeSettings(file, settings)
      return new SettingsStore(file, settings)
    }
    const loaded: LoadResult = read.kind === 'ok' ? load(read.value) : { ok: false, reason: read.reason }
    if ('newer' in loaded) {
      const why = `The settings file is from a newer version of Mira (settings version ${loaded.newer})`
      return new SettingsStore(file, loaded.settings, undefined, undefined, `${why}: it is used read-only, and changes are not saved`)
    }
    if (loaded.ok) {
      if (loaded.migrated) await writeSettings(file, loaded.settings)
      return new SettingsStore(file, loaded.settings)
    }
    const movedTo = await moveAside(file)
    const settings = defaultSettings()
    await writeSettings(file, settings)
    return new SettingsStore(file, settings, movedTo, loaded.reason)
  }

  get(): Settings {
    return structuredClone(this.current)
  }

  /** Merges a patch (the `server`, `companion` and `stt` objects are merged too), validates, saves, then emits `changed`. */
  update(patch: SettingsUpdate): Promise<Settings> {
    return this.enqueue(async () => {
      const checked = settingsPatchSchema.safeParse(patch)
      if (!checked.success) throw invalidSettings(checked.error)
      const { server, companion, stt, ...rest } = checked.data
      const merged = {
        ...this.current,
        ...rest,
        server: { ...this.current.server, ...server },
        companion: { ...this.current.companion, ...companion },
        stt: { ...this.current.stt, ...stt },
      }
      const result = settingsSchema.safeParse(merged)
      if (!result.success) throw invalidSettings(result.error)
      return this.commit(result.data)
    })
  }

  /** Back to the defaults (saved). */
  reset(): Promise<Settings> {
    return this.enqueue(() => this.commit(defaultSettings()))
  }

  private async commit(next: Settings): Promise<Settings> {
    if (this.readOnly === undefined) await writeSettings(this.file, next)
    this.current = next
    this.emit('changed', this.get())
    return this.get()
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

type LoadResult =
  | { ok: true; settings: Settings; migrated: boolean }
  | { ok: false; reason: string }
  /** What of a newer file this app understands (defaults for the rest). */
  | { ok: false; newer: number; settings: Settings }

function load(value: unknown): LoadResult {
  let doc: unknown
  let migrated: boolean
  try {
    ;({ doc, migrated } = migrateSettings(value))
  } catch (error) {
    if (error instanceof NewerSettingsError) return { ok: false, newer: error.version, settings: understood(error.doc) }
    if (error instanceof MigrationError) return { ok: false, reason: error.message }
    throw error
  }
  const result = settingsSchema.safeParse(doc)
  if (!result.success) return { ok: false, reason: `Invalid settings: ${describeIssue(result.error)}` }
  return { ok: true, settings: result.data, migrated }
}

/** A newer file's settings when this version can read them as its own, else the defaults. */
function understood(doc: Record<string, unknown>): Settings {
  const whole = settingsSchema.safeParse({ ...doc, version: defaultSettings().version })
  return whole.success ? whole.data : defaultSettings()
}

function writeSettings(file: string, settings: Settings): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`)
}
