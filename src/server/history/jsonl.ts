/**
 * Append-only JSONL with durability: every append is on disk when it resolves (the file is opened
 * with O_DSYNC where the system has it, else each append is fdatasync'ed), and an append (like the start's
 * scan, lines.ts) cuts off the torn last line a crash (kill -9, power loss) or a failed write (a
 * full disk) can leave, so a new record never joins it.
 */
import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * With O_DSYNC each write returns once its data is on disk, like a write then fdatasync but in one
 * request to the thread pool instead of two: less work on the event loop for every turn's append.
 */
const SYNCED_WRITES = constants.O_DSYNC !== undefined
const APPEND_FLAGS = SYNCED_WRITES ? constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC : 'a+'

const NEWLINE = 0x0a
const TAIL_CHUNK = 64 * 1024
/** How many of a file's last bytes identify it: a later start checks them to trust that it was only appended to. */
export const FINGERPRINT_BYTES = 64

/** The hex of the `FINGERPRINT_BYTES` before `size`. */
export async function fingerprintAt(handle: FileHandle, size: number): Promise<string> {
  const start = Math.max(0, size - FINGERPRINT_BYTES)
  const buffer = Buffer.alloc(size - start)
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, start)
  return buffer.subarray(0, bytesRead).toString('hex')
}

/** The size of the file up to and with its last newline (0 when it has none). */
async function endOfLastLine(handle: FileHandle, size: number): Promise<number> {
  const buffer = Buffer.alloc(TAIL_CHUNK)
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - TAIL_CHUNK)
    const { bytesRead } = await handle.read(buffer, 0, end - start, start)
    const at = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE)
    if (at >= 0) return start + at + 1
    end = start
  }
  return 0
}

export interface Appended {
  /** It first cut off a partial last line (a write that failed halfway). */
  repaired: boolean
  /** The file did not end where the last append left it (a write that failed, another writer): what it holds is not all known. */
  unexpected: boolean
  /** The file's size and fingerprint once the lines are on disk. */
  size: number
  fingerprint: string
}

/**
 * One JSONL file appended to, its handle kept open between appends (an append is then a size
 * check and a synced write). When the file does not end where the last append left it, a
 * torn last line is cut off first.
 */
export class AppendFile {
  private handle: FileHandle | undefined
  private closing: Promise<void> | undefined

  /** `size`: where the file's last complete line ends, when known (the start's scan found it). */
  constructor(
    readonly path: string,
    private size: number | undefined,
  ) {}

  get isOpen(): boolean {
    return this.handle !== undefined
  }

  /** Appends lines and waits until they are on disk. Not to be called again before it settles. */
  async append(lines: string[]): Promise<Appended> {
    try {
      await this.closing
      this.handle ??= await open(this.path, APPEND_FLAGS)
      const handle = this.handle
      const { size } = await handle.stat()
      const unexpected = size !== this.size
      let repaired = false
      if (unexpected) {
        this.size = size > 0 ? await endOfLastLine(handle, size) : 0
        if (this.size < size) {
          await handle.truncate(this.size)
          repaired = true
        }
      }
      const data = Buffer.from(lines.map((line) => `${line}\n`).join(''))
      // A write may be short (a nearly full disk takes what fits): the rest fails with the reason, or goes too.
      for (let written = 0; written < data.length; ) written += (await handle.write(data, written)).bytesWritten
      if (!SYNCED_WRITES) await handle.datasync()
      const end = (this.size ?? 0) + data.length
      this.size = end
      const fingerprint = data.length >= FINGERPRINT_BYTES ? data.subarray(-FINGERPRINT_BYTES).toString('hex') : await fingerprintAt(handle, end)
      return { repaired, unexpected, size: end, fingerprint }
    } catch (error) {
      // What reached the file is unknown now: check its end next time, on a fresh handle.
      this.size = undefined
      await this.close().catch(() => {})
      throw error
    }
  }

  /** Closes the handle (a later append opens it again). */
  close(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    if (handle) this.closing = handle.close().finally(() => (this.closing = undefined))
    return this.closing ?? Promise.resolve()
  }
}

/** Makes a new file's directory entry durable too (best effort: not every platform can fsync a folder). */
export async function syncFolderOf(path: string): Promise<void> {
  try {
    const handle = await open(dirname(path), 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot open folders this way; the file itself is synced.
  }
}
