/**
 * Append-only JSONL with durability: every append is fsync'ed, and an append (like the start's
 * scan, lines.ts) cuts off the torn last line a crash (kill -9, power loss) or a failed write (a
 * full disk) can leave, so a new record never joins it.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

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
  /** The file's size, modification time and fingerprint once the lines are on disk. */
  size: number
  mtimeMs: number
  fingerprint: string
}

/** Appends lines and waits until they are on disk. */
export async function appendDurably(path: string, lines: string[]): Promise<Appended> {
  const handle = await open(path, 'a+')
  try {
    const { size } = await handle.stat()
    let repaired = false
    if (size > 0) {
      const last = Buffer.alloc(1)
      await handle.read(last, 0, 1, size - 1)
      if (last[0] !== NEWLINE) {
        await handle.truncate(await endOfLastLine(handle, size))
        repaired = true
      }
    }
    const data = Buffer.from(lines.map((line) => `${line}\n`).join(''))
    // A write may be short (a nearly full disk takes what fits): the rest fails with the reason, or goes too.
    for (let written = 0; written < data.length; ) written += (await handle.write(data, written)).bytesWritten
    await handle.datasync()
    const after = await handle.stat()
    const fingerprint = data.length >= FINGERPRINT_BYTES ? data.subarray(-FINGERPRINT_BYTES).toString('hex') : await fingerprintAt(handle, after.size)
    return { repaired, size: after.size, mtimeMs: after.mtimeMs, fingerprint }
  } finally {
    await handle.close()
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
