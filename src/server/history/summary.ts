/**
 * What the companion keeps of a conversation without its turns: the header, what its records add
 * up to (metadata, last update, message count), and how far the file was read (its size,
 * modification time and last bytes then). A summary is built by reading the file once and kept
 * across starts in `history/index.json`, so a start reads only what was appended since.
 */
import { open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { messageOf } from '../../shared/errors'
import { fingerprintAt } from './jsonl'
import { scanLines } from './lines'
import { addToTally, parseRecord, sessionRecordSchema, tallyOf, type SessionRecord, type Tally } from './records'

export interface Summary {
  header: SessionRecord
  tally: Tally
  size: number
  mtimeMs: number
  fingerprint: string
}

export const INDEX_FILE = 'index.json'
/** Files summarized at once at start: a start costs about one `stat` per conversation, and these overlap. */
const CONCURRENCY = 8

const indexSchema = z.object({
  version: z.literal(1),
  sessions: z.array(
    z.object({
      header: sessionRecordSchema,
      metadata: z.record(z.string(), z.unknown()),
      updated_at: z.string(),
      messages: z.number().int().nonnegative(),
      size: z.number().int().positive(),
      mtime_ms: z.number(),
      fingerprint: z.string(),
    }),
  ),
})

/** The index's summaries by session id; none when there is no index or it cannot be read (then every file is read). */
async function readIndex(dir: string, log: (line: string) => void): Promise<Map<string, Summary>> {
  const known = new Map<string, Summary>()
  let text: string
  try {
    text = await readFile(join(dir, INDEX_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`history: ${INDEX_FILE} cannot be read (${messageOf(error)}); reading every conversation`)
    return known
  }
  let parsed: z.output<typeof indexSchema>
  try {
    parsed = indexSchema.parse(JSON.parse(text))
  } catch {
    log(`history: ${INDEX_FILE} is damaged or from another version; reading every conversation`)
    return known
  }
  for (const entry of parsed.sessions) {
    const tally = { metadata: entry.metadata, updatedAt: entry.updated_at, messages: entry.messages }
    known.set(entry.header.session_id, { header: entry.header, tally, size: entry.size, mtimeMs: entry.mtime_ms, fingerprint: entry.fingerprint })
  }
  return known
}

/** A summary whose file's modification time may not be known yet: it is read when the index is saved, and told to `stamp`. */
export interface Unstamped extends Omit<Summary, 'mtimeMs'> {
  mtimeMs: number | undefined
  path: string
  stamp(mtimeMs: number): void
}

/** The summary with its file's modification time; `undefined` when the file is no longer as summarized (then it is read again at the next start). */
async function stamped({ mtimeMs, path, stamp, ...summary }: Unstamped): Promise<Summary | undefined> {
  if (mtimeMs !== undefined) return { ...summary, mtimeMs }
  try {
    const info = await stat(path)
    if (info.size !== summary.size) return undefined
    stamp(info.mtimeMs)
    return { ...summary, mtimeMs: info.mtimeMs }
  } catch {
    return undefined
  }
}

/** Replaces the index at once (a crash leaves the old one or the new one, never half of one). */
export async function saveIndex(dir: string, unstamped: Unstamped[]): Promise<void> {
  const summaries = (await Promise.all(unstamped.map(stamped))).filter((s) => s !== undefined)
  const sessions = summaries.map((s) => ({
    header: s.header,
    metadata: s.tally.metadata,
    updated_at: s.tally.updatedAt,
    messages: s.tally.messages,
    size: s.size,
    mtime_ms: s.mtimeMs,
    fingerprint: s.fingerprint,
  }))
  const path = join(dir, INDEX_FILE)
  await writeFile(`${path}.tmp`, JSON.stringify({ version: 1, sessions }))
  await rename(`${path}.tmp`, path)
}

async function fingerprintOf(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r')
  try {
    return await fingerprintAt(handle, size)
  } finally {
    await handle.close()
  }
}

/**
 * The summary of `dir/name`: `known` as it is when the file has not changed since, `known` plus
 * the lines appended since when it only grew, or else from a read of the whole file. `undefined`
 * for a file without a valid header. Throws when the entry is not a readable file.
 */
async function summarize(dir: string, name: string, known: Summary | undefined, log: (line: string) => void): Promise<Summary | undefined> {
  const path = join(dir, name)
  const info = await stat(path)
  if (!info.isFile()) throw new Error('not a file')
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known
  // Appended to only: its old end still holds the bytes it held then.
  const base = known && info.size > known.size && (await fingerprintOf(path, known.size)) === known.fingerprint ? known : undefined
  let header = base?.header
  let tally = base && { ...base.tally }
  let headerless = false
  let skipped = 0
  const { repairedTail } = await scanLines(path, base?.size ?? 0, (line) => {
    if (!line.trim()) return
    const record = parseRecord(line)
    if (!record) skipped++
    else if (tally) addToTally(tally, record)
    // The first valid record must be the header.
    else if (record.kind === 'session' && !headerless) tally = tallyOf((header = record))
    else headerless = true
  })
  if (repairedTail) log(`history: ${name}: cut off a partial last line (an interrupted write)`)
  if (skipped > 0) log(`history: ${name}: skipped ${skipped} unreadable line(s)`)
  if (!header || !tally || `${header.session_id}.jsonl` !== name) {
    log(`history: ${name} has no valid header; ignored`)
    return undefined
  }
  const after = await stat(path)
  return { header, tally, size: after.size, mtimeMs: after.mtimeMs, fingerprint: await fingerprintOf(path, after.size) }
}

/**
 * Every conversation in `dir`, from the index and what changed since it was saved (`changed`:
 * the index should be saved again). An entry that cannot be read is named in the log and skipped.
 */
export async function summarizeFolder(dir: string, log: (line: string) => void): Promise<{ summaries: Summary[]; changed: boolean }> {
  const known = await readIndex(dir, log)
  const names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'))
  const found = new Array<Summary | undefined>(names.length)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < names.length; i = next++) {
      const name = names[i] as string
      // One stray entry (a folder, a dangling link, an unreadable file) must not stop the companion.
      try {
        found[i] = await summarize(dir, name, known.get(name.slice(0, -'.jsonl'.length)), log)
      } catch (error) {
        log(`history: ${name} cannot be read, skipped: ${messageOf(error)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const summaries = found.filter((s) => s !== undefined)
  const changed = summaries.length !== known.size || summaries.some((s) => s !== known.get(s.header.session_id))
  return { summaries, changed }
}
