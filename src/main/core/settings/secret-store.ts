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

const fileSchema = z.object({
  version: z.literal(1),
  encoding: z.string(),
  secrets: z.record(z.string(), z.string()),
})

/**
 * `secrets.json` for web mode and the CLI (and for Electron with an encrypting codec).
 * With the default codec the secrets are PLAIN TEXT ON DISK, protected only by the file mode
 * 0600 (owner read/write), which is checked and repaired on open. Anyone who can act as the
 * user (or root) can read them; use an encrypting codec where the platform offers one.
 */
export class FileSecretStore implements SecretStore {
  private constructor(
    readonly file: string,
    private readonly codec: SecretCodec,
    private values: Map<string, string>,
    /** Set when the file was unusable (moved there) or written with another codec. */
    readonly problem?: string,
  ) {}

  static async open(file: string, options: { codec?: SecretCodec } = {}): Promise<FileSecretStore> {
    const codec = options.codec ?? plainTextCodec
    await tightenMode(file)
    const read = await readJsonFile(file)
    if (read.kind === 'missing') return new FileSecretStore(file, codec, new Map())
    const parsed = read.kind === 'ok' ? fileSchema.safeParse(read.value) : undefined
    if (!parsed?.success) {
      const movedTo = await moveAside(file)
      return new FileSecretStore(file, codec, new Map(), `The secrets file was unreadable and was moved to ${movedTo}`)
    }
    if (parsed.data.encoding !== codec.name) {
      // Kept on disk until the next `set`; decoding with the wrong codec would yield a garbage token.
      const problem = `The secrets file was written with "${parsed.data.encoding}" storage, not "${codec.name}": saved secrets must be entered again`
      return new FileSecretStore(file, codec, new Map(), problem)
    }
    return new FileSecretStore(file, codec, new Map(Object.entries(parsed.data.secrets)))
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

  async set(name: string, value: string | null): Promise<void> {
    if (value === null) this.values.delete(name)
    else this.values.set(name, this.codec.encode(value))
    const doc = { version: 1, encoding: this.codec.name, secrets: Object.fromEntries(this.values) }
    await writeFileAtomic(this.file, `${JSON.stringify(doc, null, 2)}\n`, { mode: SECRET_FILE_MODE })
  }
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
