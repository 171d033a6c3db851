/**
 * Notes per user in `dataDir/notes.json`. Every change is read-modify-write under a per-file
 * queue, written to a temp file and renamed over the old one, so a crash never leaves half a file.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'

const noteSchema = z.object({ id: z.string(), text: z.string(), createdAt: z.string() })
const fileSchema = z.object({
  version: z.literal(1),
  users: z.record(z.string(), z.array(noteSchema)),
})

export type Note = z.output<typeof noteSchema>
type NotesFile = z.output<typeof fileSchema>

export class NotesFullError extends Error {
  override name = 'NotesFullError'
}

export interface NotesStoreOptions {
  dataDir: string
  now?: () => Date
  /** Oldest notes are dropped beyond this. Default 200. */
  maxNotesPerUser?: number
  /** New users are refused beyond this, so a client cannot grow the file without bound. Default 1000. */
  maxUsers?: number
  log?: (line: string) => void
}

/** Serializes changes to the same file, also across store instances in this process. */
const queues = new Map<string, Promise<unknown>>()

function enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(task, task)
  const tail = run.catch(() => undefined)
  queues.set(key, tail)
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key)
  })
  return run
}

function matches(text: string, words: string[]): boolean {
  const lower = text.toLowerCase()
  return words.every((word) => lower.includes(word))
}

export class NotesStore {
  readonly file: string
  private readonly now: () => Date
  private readonly maxNotesPerUser: number
  private readonly maxUsers: number
  private readonly log: (line: string) => void

  constructor(private readonly options: NotesStoreOptions) {
    this.file = join(options.dataDir, 'notes.json')
    this.now = options.now ?? (() => new Date())
    this.maxNotesPerUser = options.maxNotesPerUser ?? 200
    this.maxUsers = options.maxUsers ?? 1_000
    this.log = options.log ?? (() => undefined)
  }

  /** Saves a note; the same text twice is kept once. */
  add(userId: string, text: string): Promise<{ note: Note; count: number; duplicate: boolean }> {
    return enqueue(this.file, async () => {
      const data = await this.load()
      const notes = data.users[userId] ?? []
      const existing = notes.find((note) => note.text === text)
      if (existing) return { note: existing, count: notes.length, duplicate: true }
      if (!data.users[userId] && Object.keys(data.users).length >= this.maxUsers) {
        throw new NotesFullError('The notes storage is full')
      }
      const note: Note = { id: randomUUID().slice(0, 8), text, createdAt: this.now().toISOString() }
      const kept = [...notes, note].slice(-this.maxNotesPerUser)
      data.users[userId] = kept
      await this.save(data)
      return { note, count: kept.length, duplicate: false }
    })
  }

  /** The newest `limit` notes matching every word of `query` (oldest first), and how many matched. */
  async list(userId: string, query = '', limit = 20): Promise<{ notes: Note[]; total: number }> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    const data = await enqueue(this.file, () => this.load())
    const found = (data.users[userId] ?? []).filter((note) => matches(note.text, words))
    return { notes: found.slice(-limit), total: found.length }
  }

  private async load(): Promise<NotesFile> {
    let raw: string
    try {
      raw = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, users: {} }
      throw error
    }
    let parsed: ReturnType<typeof fileSchema.safeParse> | undefined
    try {
      parsed = fileSchema.safeParse(JSON.parse(raw))
    } catch {
      parsed = undefined
    }
    if (parsed?.success) return parsed.data
    // Keep the unreadable file for the user instead of overwriting it on the next save.
    const aside = `${this.file}.corrupt-${this.now().getTime()}`
    await rename(this.file, aside)
    this.log(`notes: ${this.file} was unreadable; moved it to ${aside} and started empty`)
    return { version: 1, users: {} }
  }

  private async save(data: NotesFile): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true })
    const temp = `${this.file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8')
    await rename(temp, this.file)
  }
}
