/**
 * `mira serve` leaves its address and token in its data folder (`serve.json`, mode 0600) and removes
 * them when it stops, so `mira chat` and `mira doctor` on this machine reach it with no token typed,
 * whether the server accepts any token or one of its own.
 */
import { randomBytes } from 'node:crypto'
import { readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { isLoopbackHost } from '../server/access'
import { writeFileAtomic } from '../main/core/fs/atomic-write'

export const LOCAL_COMPANION_FILE = 'serve.json'

export interface LocalCompanion {
  /** The chat-stream URL the server printed. */
  url: string
  token: string
}

/** Where `mira serve` keeps its data unless told otherwise: `companion/` in Mira's data folder. */
export const companionDir = (dataDir: string): string => join(dataDir, 'companion')

/** A token for clients of a server started without `--token`. */
export const generateToken = (): string => randomBytes(24).toString('base64url')

/** Writes the record; the returned function removes it again unless another server has replaced it since. */
export async function publishLocalCompanion(dir: string, record: LocalCompanion): Promise<() => Promise<void>> {
  const file = join(dir, LOCAL_COMPANION_FILE)
  await writeFileAtomic(file, `${JSON.stringify(record)}\n`, { mode: 0o600 })
  return async () => {
    if ((await readLocalCompanion(dir))?.token === record.token) await unlink(file).catch(() => undefined)
  }
}

export async function readLocalCompanion(dir: string): Promise<LocalCompanion | undefined> {
  try {
    const value = JSON.parse(await readFile(join(dir, LOCAL_COMPANION_FILE), 'utf8')) as Partial<LocalCompanion>
    return typeof value.url === 'string' && typeof value.token === 'string' && value.token ? { url: value.url, token: value.token } : undefined
  } catch {
    return undefined
  }
}

/** The record's token when `url` is a loopback address of that server (same scheme and port). */
export function localCompanionToken(url: string, record: LocalCompanion | undefined): string | undefined {
  if (!record) return undefined
  try {
    const target = new URL(url)
    const local = new URL(record.url)
    const fits = isLoopbackHost(target.hostname) && target.protocol === local.protocol && target.port === local.port
    return fits ? record.token : undefined
  } catch {
    return undefined
  }
}
