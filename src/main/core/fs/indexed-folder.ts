/**
 * A folder of files the user added (backgrounds, characters) with a JSON index beside them: their
 * shown names, order and choices. Changes run one at a time, so the index never loses an entry; an
 * index that is missing or unreadable starts empty (lost names are not lost files).
 */
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import { readJsonFile, writeFileAtomic } from './atomic-write'

export type WriteFile = (path: string, data: Uint8Array | string) => Promise<void>

export interface IndexedFolderOptions<Index> {
  /** The index's file name inside the folder. */
  indexFile: string
  schema: z.ZodType<Index>
  empty: Index
  /** Default: `writeFileAtomic`. Tests pass a failing one. */
  write?: WriteFile
}

export class IndexedFolder<Index> {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly dir: string,
    private current: Index,
    private readonly indexFile: string,
    private readonly writer: WriteFile,
  ) {}

  static async open<Index>(dir: string, options: IndexedFolderOptions<Index>): Promise<IndexedFolder<Index>> {
    await mkdir(dir, { recursive: true })
    const read = await readJsonFile(join(dir, options.indexFile)).catch(() => ({ kind: 'missing' }) as const)
    const parsed = read.kind === 'ok' ? options.schema.safeParse(read.value) : undefined
    return new IndexedFolder(dir, parsed?.success ? parsed.data : options.empty, options.indexFile, options.write ?? writeFileAtomic)
  }

  /** The index in use: what is on disk, or what a best-effort save could not write. */
  get index(): Index {
    return this.current
  }

  /** Runs changes one after the other; a failed one does not stop the next. */
  serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.catch(() => undefined)
    return run
  }

  write(path: string, data: Uint8Array | string): Promise<void> {
    return this.writer(path, data)
  }

  /** Writes the index; only once it is on disk is it the one in use. */
  async saveIndex(next: Index): Promise<void> {
    await this.write(join(this.dir, this.indexFile), JSON.stringify(next, null, 2))
    this.current = next
  }

  /**
   * After a removal: the file is gone either way, so the index is the new one even if it cannot be
   * written (a stale entry names nothing and is dropped on the next write).
   */
  async saveIndexBestEffort(next: Index): Promise<void> {
    this.current = next
    await this.write(join(this.dir, this.indexFile), JSON.stringify(next, null, 2)).catch(() => undefined)
  }

  /** Writes a new file and the index that names it: both, or neither. */
  async addFile(path: string, bytes: Uint8Array, next: Index): Promise<void> {
    try {
      await this.write(path, bytes)
      await this.saveIndex(next)
    } catch (error) {
      await rm(path, { force: true })
      throw error
    }
  }
}
