/**
 * Secrets (the server token) live apart from the settings file, so settings can be shown,
 * exported and logged without leaking them.
 */
import { chmod, stat } from 'node:fs/promises'
import { z } from 'zod'
import { moveAside, readJsonFile, writeFileAtomic } from '../fs/atomic-write'

export interface SecretStore {
  get(name: string): Promise<string | undefined>
  /** `null` deletes. */
  set(name: string, value: string | null): Promise<void>
}

/**
 * How each value is stored. The Electron shell passes one backed by `safeStorage` (OS keychain
 * encryption); `name` is written into the file so a value is never decoded with the wrong codec.
 */
export interface SecretCodec {
  readonly name: string
  encode(value: string): string
  decode(text: string): string
}

/** Values as they are: protection comes only from the file's permissions. */
export const plainTextCodec: SecretCodec = { name: 'plain', encode: (v) => v, decode: (t) => t }

const SECRET_FILE_MODE = 0o600

const secretsSchema = z.record(z.string(), z.string())
const fileSchema = z.object({
  version: z.literal(1),
  encoding: z.string(),
  secrets: secretsSchema,
  /**
   * Values another storage wrote (the Electron app's keychain, seen from web mode), by encoding:
   * unreadable here, kept as they are so that storage finds them again.
   */
  others: z.record(z.string(), secretsSchema).optional(),
})
type Others = Record<string, Record<string, string>>

/**
 * `secrets.json` for web mode and the CLI (and for Electron with an encrypting codec).
 * With the default codec the secrets are PLAIN TEXT ON DISK, protected only by the file mode
 * 0600 (owner read/write), which is checked and repaired on open. Anyone who can act as the
 * user (or root) can read them; use an encrypting codec where the platform offers one.
 */
export class FileSecretStore implements SecretStore {
  /** Serializes writes, so each one starts from the result of the previous one. */
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly file: string,
    private readonly codec: SecretCodec,
    private values: Map<string, string>,
    private readonly others: Others,
    /** Set when the file was unusable (moved there) or holds secrets this storage cannot read. */
    readonly problem?: string,
  ) {}

  static async open(file: string, options: { codec?: SecretCodec } = {}): Promise<FileSecretStore> {
    const codec = options.codec ?? plainTextCodec
    await tightenMode(file)
    const read = await readJsonFile(file)
    if (read.kind === 'missing') return new FileSecretStore(file, codec, new Map(), {})
    const parsed = read.kind === 'ok' ? fileSchema.safeParse(read.value) : undefined
    if (!parsed?.success) {
      const movedTo = await moveAside(file)
      return new FileSecretStore(file, codec, new Map(), {}, `The secrets file was unreadable and was moved to ${movedTo}`)
    }
    const { encoding, secrets, others = {} } = parsed.data
    if (encoding === codec.name) return new FileSecretStore(file, codec, new Map(Object.entries(secrets)), others, unreadable(others))
    // Written by another storage: its values are kept aside, never decoded with the wrong codec nor dropped.
    const { [codec.name]: mine = {}, ...rest } = others
    const kept = Object.keys(secrets).length > 0 ? { ...rest, [encoding]: secrets } : rest
    return new FileSecretStore(file, codec, new Map(Object.entries(mine)), kept, unreadable(kept))
  }

  async get(name: string): Promise<string | undefined> {
    const stored = this.values.get(name)
    if (stored === undefined) return undefined
    try {
      return this.codec.decode(stored)
    } catch {
      return undefined
    }
  }

  /** Memory changes only once the file is written: a failed write (a full disk) loses nothing. */
  set(name: string, value: string | null): Promise<void> {
    const run = this.queue.then(async () => {
      const next = new Map(this.values)
      if (value === null) next.delete(name)
      else next.set(name, this.codec.encode(value))
      const others = Object.keys(this.others).length > 0 ? { others: this.others } : {}
      const doc = { version: 1, encoding: this.codec.name, secrets: Object.fromEntries(next), ...others }
      await writeFileAtomic(this.file, `${JSON.stringify(doc, null, 2)}\n`, { mode: SECRET_FILE_MODE })
      this.values = next
    })
    this.queue = run.catch(() => undefined)
    return run
  }
}

/** What to tell the user about secrets another storage keeps in the file. */
function unreadable(others: Others): string | undefined {
  const names = Object.entries(others).flatMap(([encoding, secrets]) => Object.keys(secrets).map((name) => `${name} (${encoding})`))
  if (names.length === 0) return undefined
  return `Saved secrets stored by another storage are unavailable in this mode (kept for it): ${names.join(', ')}`
}

/** A secrets file readable by group or others is narrowed back to 0600. */
async function tightenMode(file: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const info = await stat(file)
    if ((info.mode & 0o777) !== SECRET_FILE_MODE) await chmod(file, SECRET_FILE_MODE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
