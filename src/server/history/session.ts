/**
 * What the store keeps of one conversation while the companion runs: its header, what its
 * records add up to (all of them, and those on disk), where its file's last complete record
 * ends, the messages not yet written, and the writes waiting or under way.
 */
import { join } from 'node:path'
import { AppendFile } from './jsonl'
import type { HistoryRecord, MessageRecord, SessionRecord, Tally } from './records'
import type { Summary, Unstamped } from './summary'

export interface Batch {
  records: HistoryRecord[]
  isNew: boolean
  durable: Promise<void>
  done: () => void
}

export interface Session {
  header: SessionRecord
  /** Every record so far, those not yet on disk too. */
  live: Tally
  /**
   * The file up to `size`, which is what the index may keep (`mtimeMs` is read when it is saved);
   * `undefined` once a write failed (the next start reads the file again).
   */
  disk: { tally: Tally; fingerprint: string; mtimeMs: number | undefined } | undefined
  /** Where the file's last complete record ends: readers read below it. */
  size: number
  file: AppendFile
  /** Messages appended that are not below `size` yet (oldest first). */
  unwritten: MessageRecord[]
  /** Orders sessions updated within the same millisecond. */
  touched: number
  /** The write under way, if any. */
  writing: Promise<void> | undefined
  /** Records waiting for the next write, and who waits for them to be on disk. */
  batch: Batch | undefined
  /** Reads of the file under way, and the messages appended while any is. */
  reads: number
  appendedDuringReads: MessageRecord[]
}

export function sessionFrom(dir: string, { header, tally, size, mtimeMs, fingerprint }: Summary, touched: number): Session {
  return {
    header,
    live: { ...tally },
    disk: { tally, mtimeMs, fingerprint },
    size,
    file: new AppendFile(join(dir, `${header.session_id}.jsonl`), size),
    unwritten: [],
    touched,
    writing: undefined,
    batch: undefined,
    reads: 0,
    appendedDuringReads: [],
  }
}

/** What the index may keep of the session now (its tally and fingerprint belong to its `size`), if anything. */
export function indexEntry(session: Session): Unstamped | undefined {
  const { disk, size, header, file } = session
  if (!disk || size === 0) return undefined
  const stamp = (mtimeMs: number): void => {
    if (session.disk === disk && session.size === size) disk.mtimeMs = mtimeMs
  }
  return { header, size, tally: { ...disk.tally }, fingerprint: disk.fingerprint, mtimeMs: disk.mtimeMs, path: file.path, stamp }
}
