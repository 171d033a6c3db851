/**
 * Reading a JSONL file without holding it whole: forward from an offset, one line at a time (the
 * start's scan), and backward from a line boundary until enough lines are found (the last
 * messages of a conversation). Lines are split as bytes, so a character is never cut in two.
 */
import { createReadStream } from 'node:fs'
import { open, truncate } from 'node:fs/promises'

const NEWLINE = 0x0a
const CHUNK = 64 * 1024

/**
 * Calls `onLine` with each complete line from byte `from` on (a line boundary). A partial last
 * line (a torn write) is cut off on disk. Returns where the last complete line ends, and whether
 * it cut.
 */
export async function scanLines(path: string, from: number, onLine: (line: string) => void): Promise<{ end: number; repairedTail: boolean }> {
  let end = from
  let partial: Buffer[] = []
  for await (const chunk of createReadStream(path, { start: from, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let lineStart = 0
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, lineStart)) {
      const piece = chunk.subarray(lineStart, nl)
      const line = partial.length ? Buffer.concat([...partial, piece]) : piece
      partial = []
      onLine(line.toString('utf8'))
      end += line.length + 1
      lineStart = nl + 1
    }
    if (lineStart < chunk.length) partial.push(chunk.subarray(lineStart))
  }
  if (partial.length === 0) return { end, repairedTail: false }
  await truncate(path, end)
  return { end, repairedTail: true }
}

/**
 * Up to `want` of the values `pick` makes of the lines before byte `end` (a line boundary), the
 * last ones, oldest first. Lines `pick` returns `undefined` for do not count.
 */
export async function readLastLines<T>(path: string, end: number, want: number, pick: (line: string) => T | undefined): Promise<T[]> {
  const found: T[] = []
  const take = (bytes: Buffer): void => {
    const value = bytes.length ? pick(bytes.toString('utf8')) : undefined
    if (value !== undefined) found.push(value)
  }
  if (want <= 0 || end <= 0) return found
  const handle = await open(path, 'r')
  try {
    // The start of the earliest line read so far, whose beginning is still to be read.
    let head = Buffer.alloc(0)
    let pos = end
    while (pos > 0 && found.length < want) {
      const start = Math.max(0, pos - CHUNK)
      const chunk = Buffer.alloc(pos - start)
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, start)
      if (bytesRead < chunk.length) throw new Error(`${path} is shorter than it was`)
      const data = head.length ? Buffer.concat([chunk, head]) : chunk
      let stop = data.length
      while (stop > 0 && found.length < want) {
        const nl = data.lastIndexOf(NEWLINE, stop - 1)
        if (nl < 0) break
        take(data.subarray(nl + 1, stop))
        stop = nl
      }
      head = data.subarray(0, stop)
      pos = start
    }
    // The file's first line has no newline before it.
    if (pos === 0 && found.length < want) take(head)
    return found.reverse()
  } finally {
    await handle.close()
  }
}
