/**
 * The settings file: loaded once, validated, migrated, and rewritten atomically on every change.
 * A file that cannot be used is never silently overwritten: it is renamed aside first, and
 * `recoveredFrom` tells the UI where the old content went.
 */
import type { z } from 'zod'
import { Emitter } from '../../../shared/emitter'
import { defaultSettings, settingsPatchSchema, settingsSchema, type Settings } from '../../../shared/settings'
import { moveAside, readJsonFile, writeFileAtomic } from '../fs/atomic-write'
import { MigrationError, migrateSettings } from './migrations'
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
  ) {
    super()
  }

  static async open(file: string): Promise<SettingsStore> {
    const read = await readJsonFile(file)
    if (read.kind === 'missing') {
      const settings = defaultSettings()
      await writeSettings(file, settings)
      return new SettingsStore(file, settings)
    }
    const loaded: LoadResult = read.kind === 'ok' ? load(read.value) : { ok: false, reason: read.reason }
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
    await writeSettings(this.file, next)
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

type LoadResult = { ok: true; settings: Settings; migrated: boolean } | { ok: false; reason: string }

function load(value: unknown): LoadResult {
  let doc: unknown
  let migrated: boolean
  try {
    ;({ doc, migrated } = migrateSettings(value))
  } catch (error) {
    if (error instanceof MigrationError) return { ok: false, reason: error.message }
    throw error
  }
  const result = settingsSchema.safeParse(doc)
  if (!result.success) return { ok: false, reason: `Invalid settings: ${describeIssue(result.error)}` }
  return { ok: true, settings: result.data, migrated }
}

function writeSettings(file: string, settings: Settings): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`)
}
