/**
 * Append-only JSONL with durability: every append is fsync'ed, and a reader tolerates the torn
 * last line a crash (kill -9, power loss) can leave, cutting it off so later appends start clean.
 */
import { open, readFile, truncate } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Appends lines and waits until they are on disk. */
export async function appendDurably(path: string, lines: string[]): Promise<void> {
  const handle = await open(path, 'a')
  try {
    await handle.write(lines.map((line) => `${line}\n`).join(''))
    await handle.datasync()
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
