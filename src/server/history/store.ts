/**
 * Short-term memory: conversations ("sessions") per user and agent, one append-only JSONL file
 * each. At start only a summary of each is read (summary.ts: from `index.json`, plus what was
 * appended since it was saved), so start time and memory do not grow with the history; messages
 * are read from the file when asked for, and the last ones of recent conversations stay in a
 * bounded cache.
 *
 * Writes to one session go in order; records that arrive while a write is under way go together
 * in the next one (one write and fsync for all of them, on a file kept open). Each append resolves once its
 * record is on disk; `flush()` waits for all of them. A torn last line (kill -9, a write that
 * failed on a full disk) is cut off before the next append, so a later record is never joined to
 * it. A write failure is logged and the conversation goes on.
 */
import { join } from 'node:path'
import { messageOf } from '../../shared/errors'
import { TailCache, type CacheLimits } from './cache'
import { syncFolderOf, type AppendFile } from './jsonl'
import { readLastLines } from './lines'
import { addToTally, boundedMetadata, parseMessage, SESSION_ID, tallyOf, type HistoryRecord, type MessageRecord, type SessionRecord } from './records'
import { indexEntry, sessionFrom, type Session } from './session'
import { saveIndex, summarizeFolder } from './summary'

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

export interface HistoryOptions {
  cache?: CacheLimits
}

/** How long after a write the index is saved (`flush()` saves it too). */
const INDEX_DELAY_MS = 10_000
/** History files kept open between appends (the least recently written are closed). */
const OPEN_FILES = 128

const stored = (m: MessageRecord): StoredMessage => ({ role: m.role, content: m.content, ...(m.interrupted ? { interrupted: true } : {}) })

export class HistoryStore {
  private readonly sessions = new Map<string, Session>()
  private readonly cache: TailCache
  /** Files with an open handle, least recently written first. */
  private readonly openFiles = new Map<string, AppendFile>()
  private touches = 0
  private indexTimer: NodeJS.Timeout | undefined
  private indexSaving: Promise<void> = Promise.resolve()

  private constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void,
    options: HistoryOptions,
  ) {
    this.cache = new TailCache(options.cache)
  }

  static async open(dir: string, log: (line: string) => void, options: HistoryOptions = {}): Promise<HistoryStore> {
    const store = new HistoryStore(dir, log, options)
    const { summaries, changed } = await summarizeFolder(dir, log)
    for (const summary of summaries) store.sessions.set(summary.header.session_id, sessionFrom(dir, summary, ++store.touches))
    if (changed) await store.saveIndex()
    return store
  }

  /** Resolves once `record` is on disk (or its write failed and was logged). */
  private write(session: Session, record: HistoryRecord, isNew = false): Promise<void> {
    session.touched = ++this.touches
    addToTally(session.live, record)
    if (!session.batch) {
      let done = (): void => {}
      const durable = new Promise<void>((resolve) => (done = resolve))
      session.batch = { records: [], isNew: false, durable, done }
    }
    const batch = session.batch
    batch.records.push(record)
    batch.isNew ||= isNew
    if (!session.writing) session.writing = this.drain(session)
    return batch.durable
  }

  /** Writes batches until none waits. */
  private async drain(session: Session): Promise<void> {
    const { file } = session
    // Starts after the loop's I/O callbacks: the other clients' messages that arrived with this one
    // are answered first, and what they record meanwhile joins this write.
    await new Promise((resolve) => setImmediate(resolve))
    for (let batch = session.batch; batch; batch = session.batch) {
      session.batch = undefined
      const messages = batch.records.filter((r) => r.kind === 'message').length
      try {
        const appended = await file.append(batch.records.map((r) => JSON.stringify(r)))
        if (appended.repaired) this.log(`history: ${file.path}: cut off a partial last line (a write that failed) before appending`)
        if (batch.isNew) await syncFolderOf(file.path)
        session.size = appended.size
        if (appended.unexpected) session.disk = undefined
        if (session.disk) {
          for (const record of batch.records) addToTally(session.disk.tally, record)
          session.disk.fingerprint = appended.fingerprint
          session.disk.mtimeMs = undefined
        }
        this.scheduleIndex()
      } catch (error) {
        session.disk = undefined
        this.log(`history: could not save to ${file.path}: ${messageOf(error)}`)
      }
      // Written (or lost): readers find them below `size` from now on, or not at all.
      session.unwritten.splice(0, messages)
      batch.done()
      this.keepOpen(session.header.session_id, file)
    }
    session.writing = undefined
  }

  /** Marks `file` as the most recently written, and closes the least recently written beyond `OPEN_FILES`. */
  private keepOpen(sessionId: string, file: AppendFile): void {
    this.openFiles.delete(sessionId)
    if (file.isOpen) this.openFiles.set(sessionId, file)
    for (const [id, open] of this.openFiles) {
      if (this.openFiles.size <= OPEN_FILES) return
      if (this.sessions.get(id)?.writing) continue
      this.openFiles.delete(id)
      void open.close().catch((error: unknown) => this.log(`history: closing ${open.path}: ${messageOf(error)}`))
    }
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
    const session = sessionFrom(this.dir, { header, tally: tallyOf(header), size: 0, mtimeMs: 0, fingerprint: '' }, ++this.touches)
    this.sessions.set(sessionId, session)
    // A new conversation is known whole: no read of its file.
    this.cache.set(sessionId, [])
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
    session.unwritten.push(record)
    if (session.reads > 0) session.appendedDuringReads.push(record)
    this.cache.append(sessionId, record)
    return this.write(session, record)
  }

  updateMetadata(sessionId: string, metadata: Record<string, unknown>): void {
    const session = this.sessions.get(sessionId)
    const bounded = boundedMetadata(metadata)
    if (!session || Object.keys(bounded).length === 0) return
    void this.write(session, { kind: 'metadata', metadata: bounded, at: new Date().toISOString() })
  }

  /**
   * The last `limit` messages (all when no limit), oldest first, as they are when called (a
   * message appended right after is not among them).
   */
  messages(sessionId: string, limit?: number): Promise<StoredMessage[]> {
    const session = this.sessions.get(sessionId)
    if (!session || (limit !== undefined && limit <= 0)) return Promise.resolve([])
    const cached = this.cache.get(sessionId)
    if (cached && (cached.length === session.live.messages || (limit !== undefined && limit <= cached.length))) {
      return Promise.resolve(cached.slice(limit === undefined ? 0 : -limit).map(stored))
    }
    return this.read(sessionId, session, limit)
  }

  /** Reads the last messages from the file (and those not written yet), and caches them. */
  private async read(sessionId: string, session: Session, limit: number | undefined): Promise<StoredMessage[]> {
    const want = limit ?? Number.POSITIVE_INFINITY
    // What is below `size` and what is not yet belong to the same moment: taken together, now.
    const pending = session.unwritten.slice()
    const size = session.size
    const mark = session.appendedDuringReads.length
    session.reads++
    try {
      const path = join(this.dir, `${sessionId}.jsonl`)
      const older = want > pending.length ? await readLastLines(path, size, want - pending.length, parseMessage) : []
      const found = [...older, ...pending].slice(-want)
      this.cache.set(sessionId, [...found, ...session.appendedDuringReads.slice(mark)])
      return found.map(stored)
    } finally {
      if (--session.reads === 0) session.appendedDuringReads = []
    }
  }

  /** A user's sessions with one agent, most recently updated first. */
  listSessions(userId: string, agentId: string): SessionSummary[] {
    return [...this.sessions.values()]
      .filter((s) => s.header.user_id === userId && s.header.agent_id === agentId)
      .sort((a, b) => b.live.updatedAt.localeCompare(a.live.updatedAt) || b.touched - a.touched)
      .map((s) => ({
        session_id: s.header.session_id,
        user_id: s.header.user_id,
        agent_id: s.header.agent_id,
        created_at: s.header.created_at,
        updated_at: s.live.updatedAt,
        metadata: { ...s.live.metadata },
      }))
  }

  /** Resolves when everything written to the session so far is on disk. */
  durable(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId)
    return session?.batch?.durable ?? session?.writing ?? Promise.resolve()
  }

  /** Resolves when every queued write has reached the disk (or failed and been logged), and the index is saved. */
  async flush(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.writing))
    await this.saveIndex()
  }

  /** `flush()`, then closes the files kept open. */
  async close(): Promise<void> {
    await this.flush()
    const files = [...this.openFiles.values()]
    this.openFiles.clear()
    await Promise.all(files.map((file) => file.close()))
  }

  private scheduleIndex(): void {
    this.indexTimer ??= setTimeout(() => void this.saveIndex(), INDEX_DELAY_MS).unref()
  }

  /** Saves what is on disk of every session (a failure is logged: the next start reads more files). */
  private saveIndex(): Promise<void> {
    clearTimeout(this.indexTimer)
    this.indexTimer = undefined
    const taken = [...this.sessions.values()].flatMap((session) => indexEntry(session) ?? [])
    this.indexSaving = this.indexSaving
      .then(() => saveIndex(this.dir, taken))
      .catch((error: unknown) => this.log(`history: could not save the index: ${messageOf(error)}`))
    return this.indexSaving
  }
}
