/**
 * Append-only JSONL with durability: every append is fsync'ed, and both a reader and an append
 * cut off the torn last line a crash (kill -9, power loss) or a failed write (a full disk) can
 * leave, so a new record never joins it.
 */
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

const NEWLINE = 0x0a
const TAIL_CHUNK = 64 * 1024

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

/**
 * Appends lines and waits until they are on disk. Returns true when it first cut off a partial
 * last line (a write that failed halfway).
 */
export async function appendDurably(path: string, lines: string[]): Promise<boolean> {
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
    await handle.write(lines.map((line) => `${line}\n`).join(''))
    await handle.datasync()
    return repaired
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

export interface ReadResult {
  values: unknown[]
  /** Complete lines that were not JSON (damage). */
  badLines: number
  /** The file ended in a partial line, which was cut off. */
  repairedTail: boolean
}

/** Reads every complete JSON line; a partial last line is truncated away on disk. */
export async function readJsonLines(path: string): Promise<ReadResult> {
  const text = await readFile(path, 'utf8')
  const end = text.lastIndexOf('\n') + 1
  let repairedTail = false
  if (end < text.length) {
    await truncate(path, Buffer.byteLength(text.slice(0, end)))
    repairedTail = true
  }
  const values: unknown[] = []
  let badLines = 0
  for (const line of text.slice(0, end).split('\n')) {
    if (!line.trim()) continue
    try {
      values.push(JSON.parse(line))
    } catch {
      badLines++
    }
  }
  return { values, badLines, repairedTail }
}
