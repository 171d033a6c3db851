/**
 * One conversation per append-only JSONL file. Each line is one record; a crash can tear only the
 * last line, which is dropped (and cut off) when the file is read back.
 */
import { open, readFile, truncate } from 'node:fs/promises'
import { z } from 'zod'

const stamp = z.number().finite()

export const historyRecordSchema = z.discriminatedUnion('k', [
  /** The first line: which conversation the file holds. */
  z.object({ k: z.literal('meta'), key: z.string().min(1), createdAt: stamp, conversationId: z.string().optional() }),
  z.object({ k: z.literal('user'), id: z.string(), text: z.string(), at: stamp }),
  z.object({
    k: z.literal('assistant'),
    turnId: z.string(),
    text: z.string(),
    at: stamp,
    tools: z.array(z.string()).optional(),
    interrupted: z.boolean().optional(),
  }),
  /** A user message discarded before it was sent. */
  z.object({ k: z.literal('drop'), id: z.string() }),
  z.object({ k: z.literal('id'), conversationId: z.string() }),
  z.object({ k: z.literal('title'), title: z.string() }),
  z.object({ k: z.literal('deleted'), at: stamp }),
  z.object({ k: z.literal('restored'), at: stamp }),
])
export type HistoryRecord = z.infer<typeof historyRecordSchema>

export interface ReadResult {
  records: HistoryRecord[]
  /** Lines that were not valid records (a torn last line, or damage). */
  skipped: number
}

/** Reads a history file; a torn last line is cut off so the next append starts on a fresh line. */
export async function readHistoryFile(path: string): Promise<ReadResult> {
  const text = await readFile(path, 'utf8')
  const complete = text.lastIndexOf('\n') + 1
  if (complete < text.length) await truncate(path, Buffer.byteLength(text.slice(0, complete)))
  const records: HistoryRecord[] = []
  let skipped = complete < text.length ? 1 : 0
  for (const line of text.slice(0, complete).split('\n')) {
    if (!line.trim()) continue
    const parsed = historyRecordSchema.safeParse(parseJson(line))
    if (parsed.success) records.push(parsed.data)
    else skipped++
  }
  return { records, skipped }
}

/** Appends records as lines; `sync` makes them durable before resolving (an answer that just ended). */
export async function appendHistory(path: string, records: HistoryRecord[], sync: boolean): Promise<void> {
  const handle = await open(path, 'a', 0o600)
  try {
    await handle.writeFile(records.map((r) => `${JSON.stringify(r)}\n`).join(''))
    if (sync) await handle.datasync()
  } finally {
    await handle.close()
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown
  } catch {
    return undefined
  }
}
