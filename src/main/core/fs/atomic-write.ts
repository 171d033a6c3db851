/**
 * Files that are never seen half-written: write a temp file in the same directory, fsync it,
 * then rename it over the target (atomic on one file system). A crash leaves either the old or
 * the new content, plus at worst a stray `.tmp` file.
 */
import { randomBytes } from 'node:crypto'
import { chmod, constants, copyFile, link, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { messageOf } from '../../../shared/errors'

/** Writes to one path complete in call order, so an older snapshot never lands after a newer one. */
const chains = new Map<string, Promise<void>>()

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const previous = chains.get(path) ?? Promise.resolve()
  const run = previous.then(() => writeNow(path, data, options.mode))
  const settled = run.catch(() => undefined)
  chains.set(path, settled)
  void settled.then(() => {
    if (chains.get(path) === settled) chains.delete(path)
  })
  return run
}

async function writeNow(path: string, data: string | Uint8Array, mode: number | undefined): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true })
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    // The umask may have narrowed `mode` on creation; a secret file must end up exactly at it.
    if (mode !== undefined && process.platform !== 'win32') await chmod(temp, mode)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dir)
}

/** Makes the rename itself durable. Not possible on every platform (Windows): best effort. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Some file systems refuse fsync on directories; the data itself is already synced.
  }
}

export type JsonFileResult =
  | { kind: 'missing' }
  | { kind: 'ok'; value: unknown }
  | { kind: 'corrupt'; reason: string }

/** Reads a JSON file without throwing for the two expected failures: absent, or not JSON. */
export async function readJsonFile(path: string): Promise<JsonFileResult> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown }
  } catch (error) {
    return { kind: 'corrupt', reason: `Not valid JSON: ${messageOf(error)}` }
  }
}

/**
 * Renames an unusable file aside (`settings.json` → `settings.corrupt-2025-01-31T10-00-00-000Z.json`)
 * so the user can still inspect or repair it. Returns the new path.
 */
export async function moveAside(path: string, now: Date = new Date()): Promise<string> {
  const ext = extname(path)
  const stem = path.slice(0, path.length - ext.length)
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  for (let n = 0; ; n++) {
    const target = `${stem}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}${ext}`
    try {
      // A hard link fails if the target exists, so an earlier rescue is never overwritten.
      await linkOrCopy(path, target)
      await rm(path, { force: true })
      return target
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw error
    // File systems without hard links: copy, refusing to overwrite.
    await copyFile(from, to, constants.COPYFILE_EXCL)
  }
}
