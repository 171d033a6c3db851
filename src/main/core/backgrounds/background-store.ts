/**
 * The user's own background images, copied into `<dataDir>/backgrounds/`. A file is accepted by
 * its first bytes (PNG, JPEG, WebP, GIF) and its size, never by its name; it is stored under a
 * generated name, written atomically, and its original name is kept in `names.json`. A write that
 * fails (a full disk) leaves nothing behind.
 */
import { randomBytes } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { HostError } from '../../../shared/host'
import type { LocalBackground } from '../../../shared/host/backgrounds'
import { BACKGROUND_FILE_PATTERN, MAX_BACKGROUND_BYTES, sniffImageType } from '../../../shared/background-image'
import { IndexedFolder, type WriteFile } from '../fs/indexed-folder'
import { messageOf } from '../../../shared/errors'

export const BACKGROUNDS_DIR = 'backgrounds'
const NAMES_FILE = 'names.json'

/** A stored image as served to the page. */
export interface ImageFile {
  bytes: Buffer
  contentType: string
}

export interface BackgroundStoreOptions {
  /** The URL the page loads a stored file from (it depends on the transport). */
  urlOf: (file: string) => string
  /** Default: `writeFileAtomic`. Tests pass a failing one. */
  write?: WriteFile
}

const namesSchema = z.record(z.string(), z.object({ name: z.string().max(200), addedAt: z.number() }))
type Names = z.infer<typeof namesSchema>

/** `C:\pics\Beach day.JPG` → `Beach day`: no folders, no extension, no control characters, at most 200 characters. */
export function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base
  return [...stem]
    .filter((c) => c >= ' ' && c !== '\u007f')
    .join('')
    .trim()
    .slice(0, 200)
}

export const MAX_MB = MAX_BACKGROUND_BYTES / 1024 / 1024

export class BackgroundStore {
  private constructor(
    private readonly folder: IndexedFolder<Names>,
    private readonly options: BackgroundStoreOptions,
  ) {}

  static async open(dir: string, options: BackgroundStoreOptions): Promise<BackgroundStore> {
    // Lost names are not lost images: those show with an empty name.
    const folder = await IndexedFolder.open(dir, { indexFile: NAMES_FILE, schema: namesSchema, empty: {}, ...(options.write ? { write: options.write } : {}) })
    return new BackgroundStore(folder, options)
  }

  get dir(): string {
    return this.folder.dir
  }

  private get names(): Names {
    return this.folder.index
  }

  /** The stored images, oldest first. Only files with a generated name count. */
  async list(): Promise<LocalBackground[]> {
    const files = (await readdir(this.dir)).filter((file) => BACKGROUND_FILE_PATTERN.test(file))
    const addedAt = (file: string) => this.names[file]?.addedAt ?? 0
    return files.sort((a, b) => addedAt(a) - addedAt(b) || a.localeCompare(b)).map((file) => this.entry(file))
  }

  /** Checks and stores one image; `name` is only shown, never used as a path. */
  add(name: string, bytes: Uint8Array): Promise<LocalBackground> {
    if (bytes.length > MAX_BACKGROUND_BYTES) {
      return Promise.reject(new HostError('invalid-request', `The image is larger than ${MAX_MB} MB`, { textCode: 'imageTooLarge', params: { max: MAX_MB } }))
    }
    const type = sniffImageType(bytes)
    if (!type) return Promise.reject(new HostError('invalid-request', 'Only PNG, JPEG, WebP or GIF images can be backgrounds', { textCode: 'notAnImage' }))
    return this.folder.serially(async () => {
      const file = `${randomBytes(16).toString('hex')}.${type.ext}`
      const names = { ...this.names, [file]: { name: displayName(name), addedAt: Date.now() } }
      await this.folder.addFile(join(this.dir, file), bytes, names).catch((error: unknown) => {
        throw writeError(error)
      })
      return this.entry(file)
    })
  }

  /** Deletes one stored image; one that is already gone is fine. */
  remove(id: string): Promise<void> {
    if (!BACKGROUND_FILE_PATTERN.test(id)) return Promise.reject(new HostError('invalid-request', 'There is no such background'))
    return this.folder.serially(async () => {
      await rm(join(this.dir, id), { force: true })
      if (!(id in this.names)) return
      await this.folder.saveIndexBestEffort(Object.fromEntries(Object.entries(this.names).filter(([file]) => file !== id)))
    })
  }

  /** A stored image's bytes and real type, or `undefined` for any other name. */
  async read(file: string): Promise<ImageFile | undefined> {
    if (!BACKGROUND_FILE_PATTERN.test(file)) return undefined
    const bytes = await readFile(join(this.dir, file)).catch(() => undefined)
    const type = bytes && sniffImageType(bytes)
    return bytes && type ? { bytes, contentType: type.mime } : undefined
  }

  private entry(file: string): LocalBackground {
    return { id: file, name: this.names[file]?.name ?? '', url: this.options.urlOf(file) }
  }
}

function writeError(error: unknown): HostError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT') return new HostError('refused', 'There is not enough disk space to keep this image', { textCode: 'diskFull' })
  const why = messageOf(error)
  return new HostError('internal', `Could not save the image: ${why}`, { textCode: 'imageNotSaved', params: { error: why } })
}
