/**
 * Short-term memory: conversations ("sessions") per user and agent, one append-only JSONL file
 * each, loaded into memory at start. A torn last line (kill -9, a write that failed on a full
 * disk) is cut off before the next append, so a later record is never joined to it. Writes to one session go in order; records that arrive while
 * a write is under way go together in the next one (one open, write and fsync for all of them).
 * Each append resolves once its record is on disk; `flush()` waits for all of them. A write
 * failure is logged and the conversation goes on.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { messageOf } from '../../shared/errors'
import { appendDurably, readJsonLines, syncFolderOf } from './jsonl'
import { recordSchema, SESSION_ID, type HistoryRecord, type MessageRecord, type SessionRecord } from './records'

export { SESSION_ID } from './records'

export interface SessionSummary {
  session_id: string
  user_id: string
  agent_id: string
  created_at: string
  updated_at: string
  metadata: Record<string, unknown>
}

export interface StoredMessage {
  role: 'user' | 'assistant'
  content: string
  interrupted?: boolean
}

interface Session {
  header: SessionRecord
  metadata: Record<string, unknown>
  messages: MessageRecord[]
  updatedAt: string
  /** Orders sessions updated within the same millisecond. */
  touched: number
  /** The write under way, if any. */
  writing: Promise<void> | undefined
  /** Records waiting for the next write, and who waits for them to be on disk. */
  batch: { lines: string[]; isNew: boolean; durable: Promise<void>; done: () => void } | undefined
}

/** Metadata beyond this size (as JSON) is not stored. */
const MAX_METADATA_JSON = 8_192

export class HistoryStore {
  private readonly sessions = new Map<string, Session>()
  private touches = 0

  private constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void,
  ) {}

  static async open(dir: string, log: (line: string) => void): Promise<HistoryStore> {
    const store = new HistoryStore(dir, log)
    const names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'))
    for (const name of names) {
      // One stray entry (a folder, a dangling link, an unreadable file) must not stop the companion.
      try {
        await store.loadFile(name)
      } catch (error) {
        log(`history: ${name} cannot be read, skipped: ${messageOf(error)}`)
      }
    }
    return store
  }

  private async loadFile(name: string): Promise<void> {
    const { values, badLines, repairedTail } = await readJsonLines(join(this.dir, name))
    if (repairedTail) this.log(`history: ${name}: cut off a partial last line (an interrupted write)`)
    const records = values.flatMap((value) => {
      const parsed = recordSchema.safeParse(value)
      return parsed.success ? [parsed.data] : []
    })
    const skipped = values.length - records.length + badLines
    if (skipped > 0) this.log(`history: ${name}: skipped ${skipped} unreadable line(s)`)
    const [header, ...rest] = records
    if (header?.kind !== 'session' || `${header.session_id}.jsonl` !== name) {
      this.log(`history: ${name} has no valid header; ignored`)
      return
    }
    const session = this.newSession(header)
    for (const record of rest) this.apply(session, record)
    this.sessions.set(header.session_id, session)
  }

  private newSession(header: SessionRecord): Session {
    return {
      header,
      metadata: { ...header.metadata },
      messages: [],
      updatedAt: header.created_at,
      touched: ++this.touches,
      writing: undefined,
      batch: undefined,
    }
  }

  private apply(session: Session, record: HistoryRecord): void {
    session.touched = ++this.touches
    if (record.kind === 'message') {
      session.messages.push(record)
      session.updatedAt = record.at
    } else if (record.kind === 'metadata') {
      session.metadata = { ...session.metadata, ...record.metadata }
      session.updatedAt = record.at
    }
  }

  /** Resolves once `record` is on disk (or its write failed and was logged). */
  private write(session: Session, record: HistoryRecord, isNew = false): Promise<void> {
    if (!session.batch) {
      let done = (): void => {}
      const durable = new Promise<void>((resolve) => (done = resolve))
      session.batch = { lines: [], isNew: false, durable, done }
    }
    const batch = session.batch
    batch.lines.push(JSON.stringify(record))
    batch.isNew ||= isNew
    if (!session.writing) session.writing = this.drain(session)
    return batch.durable
  }

  /** Writes batches until none waits. */
  private async drain(session: Session): Promise<void> {
    const path = join(this.dir, `${session.header.session_id}.jsonl`)
    for (let batch = session.batch; batch; batch = session.batch) {
      session.batch = undefined
      try {
        if (await appendDurably(path, batch.lines)) this.log(`history: ${path}: cut off a partial last line (a write that failed) before appending`)
        if (batch.isNew) await syncFolderOf(path)
      } catch (error) {
        this.log(`history: could not save to ${path}: ${messageOf(error)}`)
      }
      batch.done()
    }
    session.writing = undefined
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId)
  }

  /** Who owns a session, or `undefined` when it does not exist. */
  ownerOf(sessionId: string): { userId: string; agentId: string } | undefined {
    const session = this.sessions.get(sessionId)
    return session && { userId: session.header.user_id, agentId: session.header.agent_id }
  }

  /** Starts a session under `sessionId` (which must match `SESSION_ID` and be unused). */
  create(sessionId: string, userId: string, agentId: string, metadata: Record<string, unknown> = {}): void {
    if (!SESSION_ID.test(sessionId)) throw new Error(`Invalid session id "${sessionId}"`)
    if (this.sessions.has(sessionId)) throw new Error(`Session "${sessionId}" exists`)
    const header: SessionRecord = {
      kind: 'session',
      session_id: sessionId,
      user_id: userId,
      agent_id: agentId,
      created_at: new Date().toISOString(),
      metadata: boundedMetadata(metadata),
    }
    const session = this.newSession(header)
    this.sessions.set(sessionId, session)
    void this.write(session, header, true)
  }

  /** Resolves once the message is on disk. */
  appendMessage(sessionId: string, message: StoredMessage & { turnId?: string }): Promise<void> {
    const session = this.sessions.get(sessionId)
    if (!session) return Promise.resolve()
    const record: MessageRecord = {
      kind: 'message',
      role: message.role,
      content: message.content,
      at: new Date().toISOString(),
      ...(message.turnId ? { turn_id: message.turnId } : {}),
      ...(message.interrupted ? { interrupted: true } : {}),
    }
    this.apply(session, record)
    return this.write(session, record)
  }

  updateMetadata(sessionId: string, metadata: Record<string, unknown>): void {
    const session = this.sessions.get(sessionId)
    const bounded = boundedMetadata(metadata)
    if (!session || Object.keys(bounded).length === 0) return
    const record: HistoryRecord = { kind: 'metadata', metadata: bounded, at: new Date().toISOString() }
    this.apply(session, record)
    void this.write(session, record)
  }

  /** The last `limit` messages (all when no limit), oldest first. */
  messages(sessionId: string, limit?: number): StoredMessage[] {
    const all = this.sessions.get(sessionId)?.messages ?? []
    const window = limit === undefined ? all : limit <= 0 ? [] : all.slice(-limit)
    return window.map((m) => ({ role: m.role, content: m.content, ...(m.interrupted ? { interrupted: true } : {}) }))
  }

  /** A user's sessions with one agent, most recently updated first. */
  listSessions(userId: string, agentId: string): SessionSummary[] {
    return [...this.sessions.values()]
      .filter((s) => s.header.user_id === userId && s.header.agent_id === agentId)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.touched - a.touched)
      .map((s) => ({
        session_id: s.header.session_id,
        user_id: s.header.user_id,
        agent_id: s.header.agent_id,
        created_at: s.header.created_at,
        updated_at: s.updatedAt,
        metadata: { ...s.metadata },
      }))
  }

  /** Resolves when everything written to the session so far is on disk. */
  durable(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId)
    return session?.batch?.durable ?? session?.writing ?? Promise.resolve()
  }

  /** Resolves when every queued write has reached the disk (or failed and been logged). */
  async flush(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.writing))
  }
}

function boundedMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.stringify(metadata).length <= MAX_METADATA_JSON ? metadata : {}
  } catch {
    return {}
  }
}
