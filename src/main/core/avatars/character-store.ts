/**
 * The user's own characters, copied into `<dataDir>/characters/`: `.vrm` files accepted by their
 * bytes (a whole glTF binary that declares VRM data) and Live2D models added as a zip (unpacked into
 * a folder, see live2d-zip.ts), stored under generated names, their original names and the one
 * chosen kept in `index.json`; and the Live2D runtimes the user supplied (Live2D's proprietary code
 * is never shipped with Mira), recognized by what they define.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { z } from 'zod'
import { HostError } from '../../../shared/host'
import { characterSettingsSchema, type CharacterList, type CharacterSettings, type Live2dRuntimes, type LocalCharacter } from '../../../shared/host/characters'
import {
  CHARACTER_DIR_PATTERN,
  CHARACTER_FILE_PATTERN,
  CHARACTER_THUMBNAIL_PATTERN,
  characterFolderPath,
  checkVrmBytes,
  isZip,
  isServedCharacterFile,
  LIVE2D_RUNTIMES,
  MAX_CHARACTER_BYTES,
  MAX_RUNTIME_BYTES,
  sniffLive2dRuntime,
  thumbnailFileOf,
  type Live2dRuntime,
} from '../../../shared/avatar/files'
import { IndexedFolder, type WriteFile } from '../fs/indexed-folder'
import { displayName } from '../backgrounds/background-store'
import { unpackLive2dZip, type Live2dPackage } from './live2d-zip'
import { contentTypeOf } from '../web/static-files'
import { messageOf } from '../../../shared/errors'

export const CHARACTERS_DIR = 'characters'
const INDEX_FILE = 'index.json'

const indexSchema = z.object({
  /** Live2D folders carry `entry`, their settings file. */
  names: z.record(
    z.string(),
    z.object({ name: z.string().max(200), addedAt: z.number(), entry: z.string().max(1000).optional(), settings: characterSettingsSchema.optional() }),
  ),
  chosen: z.string().nullable(),
})
type Index = z.infer<typeof indexSchema>

export interface CharacterStoreOptions {
  urlOf: (file: string) => string
  write?: WriteFile
}

const VRM_PROBLEMS = {
  notVrm: ['This file is not a VRM model (.vrm)', 'notVrm'],
  truncated: ['This VRM file is cut short or damaged', 'vrmTruncated'],
  noVrmData: ['This glTF file has no VRM data', 'noVrmData'],
} as const

const MB = (bytes: number): number => bytes / 1024 / 1024

export class CharacterStore {
  private constructor(
    private readonly folder: IndexedFolder<Index>,
    private readonly options: CharacterStoreOptions,
  ) {}

  static async open(dir: string, options: CharacterStoreOptions): Promise<CharacterStore> {
    const empty: Index = { names: {}, chosen: null }
    const folder = await IndexedFolder.open(dir, { indexFile: INDEX_FILE, schema: indexSchema, empty, ...(options.write ? { write: options.write } : {}) })
    return new CharacterStore(folder, options)
  }

  get dir(): string {
    return this.folder.dir
  }

  private get index(): Index {
    return this.folder.index
  }

  async list(): Promise<CharacterList> {
    const files = await readdir(this.dir)
    const addedAt = (file: string) => this.index.names[file]?.addedAt ?? 0
    const characters = files
      .filter((file) => CHARACTER_FILE_PATTERN.test(file) || (CHARACTER_DIR_PATTERN.test(file) && this.index.names[file]?.entry))
      .sort((a, b) => addedAt(a) - addedAt(b) || a.localeCompare(b))
      .map((file) => this.entry(file, files.includes(thumbnailFileOf(file))))
    const runtimes: Live2dRuntimes = {}
    for (const [kind, file] of Object.entries(LIVE2D_RUNTIMES) as [Live2dRuntime, string][]) {
      if (files.includes(file)) runtimes[kind] = this.options.urlOf(file)
    }
    const chosen = this.index.chosen !== null && characters.some((c) => c.id === this.index.chosen) ? this.index.chosen : null
    return { characters, chosen, runtimes }
  }

  /** Checks, stores and chooses one `.vrm` or zipped Live2D model; `name` is only shown, never used as a path. */
  add(name: string, bytes: Uint8Array): Promise<LocalCharacter> {
    if (bytes.length <= MAX_CHARACTER_BYTES && isZip(bytes)) {
      let unpacked: Live2dPackage
      try {
        unpacked = unpackLive2dZip(bytes)
      } catch (error) {
        return Promise.reject(error instanceof HostError ? error : new HostError('invalid-request', String(error)))
      }
      return this.folder.serially(() => this.addFolder(name, unpacked))
    }
    if (bytes.length > MAX_CHARACTER_BYTES) {
      return Promise.reject(new HostError('invalid-request', `The model is larger than ${MB(MAX_CHARACTER_BYTES)} MB`, { textCode: 'modelTooLarge', params: { max: MB(MAX_CHARACTER_BYTES) } }))
    }
    const check = checkVrmBytes(bytes)
    if (!check.ok) {
      const [text, textCode] = VRM_PROBLEMS[check.problem]
      return Promise.reject(new HostError('invalid-request', text, { textCode }))
    }
    return this.folder.serially(async () => {
      const file = `${randomBytes(16).toString('hex')}.vrm`
      const index: Index = { names: { ...this.index.names, [file]: { name: displayName(name), addedAt: Date.now() } }, chosen: file }
      await this.folder.addFile(join(this.dir, file), bytes, index).catch((error: unknown) => {
        throw writeError(error)
      })
      return this.entry(file)
    })
  }

  /** Unpacks a checked Live2D package into a folder of its own, whole or not at all. */
  private async addFolder(name: string, unpacked: Live2dPackage): Promise<LocalCharacter> {
    const id = randomBytes(16).toString('hex')
    const part = join(this.dir, `${id}.part`)
    const index: Index = { names: { ...this.index.names, [id]: { name: displayName(name), addedAt: Date.now(), entry: unpacked.entry } }, chosen: id }
    try {
      for (const [path, data] of unpacked.files) {
        const target = join(part, ...path.split('/'))
        await mkdir(dirname(target), { recursive: true })
        await writeFile(target, data)
      }
      await rename(part, join(this.dir, id))
      await this.folder.saveIndex(index)
    } catch (error) {
      await rm(part, { recursive: true, force: true })
      await rm(join(this.dir, id), { recursive: true, force: true })
      throw writeError(error)
    }
    return this.entry(id)
  }

  remove(id: string): Promise<void> {
    if (!CHARACTER_FILE_PATTERN.test(id) && !CHARACTER_DIR_PATTERN.test(id)) return Promise.reject(new HostError('invalid-request', 'There is no such character'))
    return this.folder.serially(async () => {
      await rm(join(this.dir, id), { force: true, recursive: true })
      await rm(join(this.dir, thumbnailFileOf(id)), { force: true })
      const names = Object.fromEntries(Object.entries(this.index.names).filter(([file]) => file !== id))
      await this.folder.saveIndexBestEffort({ names, chosen: this.index.chosen === id ? null : this.index.chosen })
    })
  }

  choose(id: string | null): Promise<void> {
    if (id !== null && !CHARACTER_FILE_PATTERN.test(id) && !CHARACTER_DIR_PATTERN.test(id)) return Promise.reject(new HostError('invalid-request', 'There is no such character'))
    return this.folder.serially(async () => {
      if (id !== null && !(await stat(join(this.dir, id)).catch(() => undefined))) throw new HostError('invalid-request', 'There is no such character')
      await this.saveIndex({ ...this.index, chosen: id })
    })
  }

  /** Keeps how a character is placed and its emotion map; they come back with it in every list. */
  setSettings(id: string, settings: CharacterSettings): Promise<LocalCharacter> {
    return this.folder.serially(async () => {
      const known = this.index.names[id]
      if (!known) throw new HostError('invalid-request', 'There is no such character')
      await this.saveIndex({ ...this.index, names: { ...this.index.names, [id]: { ...known, settings } } })
      return this.entry(id)
    })
  }

  /** Keeps a character's thumbnail (a PNG, by its bytes), listed with it from now on. */
  setThumbnail(id: string, bytes: Uint8Array): Promise<LocalCharacter> {
    const png = bytes.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)
    if (!png) return Promise.reject(new HostError('invalid-request', 'A thumbnail must be a PNG image'))
    return this.folder.serially(async () => {
      if (!this.index.names[id]) throw new HostError('invalid-request', 'There is no such character')
      await this.folder.write(join(this.dir, thumbnailFileOf(id)), bytes).catch((error: unknown) => {
        throw writeError(error)
      })
      return this.entry(id, true)
    })
  }

  /** Keeps a Live2D runtime, recognized by its contents (never its name). */
  setRuntime(bytes: Uint8Array): Promise<Live2dRuntimes> {
    const kind = bytes.length <= MAX_RUNTIME_BYTES ? sniffLive2dRuntime(new TextDecoder().decode(bytes)) : undefined
    if (!kind) {
      return Promise.reject(
        new HostError('invalid-request', 'This is not Live2D Cubism Core (live2dcubismcore.min.js) nor the Cubism 2 runtime (live2d.min.js)', { textCode: 'notLive2dRuntime' }),
      )
    }
    return this.folder.serially(async () => {
      await this.folder.write(join(this.dir, LIVE2D_RUNTIMES[kind]), bytes).catch((error: unknown) => {
        throw writeError(error)
      })
      return (await this.list()).runtimes
    })
  }

  /** A stored file's bytes and type, or `undefined` for any name the store did not make. */
  async read(file: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
    if (!isServedCharacterFile(file)) return undefined
    const inFolder = characterFolderPath(file)
    const path = inFolder ? join(this.dir, inFolder.id, ...inFolder.segments) : join(this.dir, file)
    // A folder's file must really be inside it (no symlink leads out).
    if (inFolder) {
      const [root, real] = await Promise.all([realpath(join(this.dir, inFolder.id)), realpath(path)]).catch(() => [])
      if (!root || !real?.startsWith(root + sep)) return undefined
    }
    const bytes = await readFile(path).catch(() => undefined)
    if (!bytes) return undefined
    const type = inFolder ? contentTypeOf(path) : CHARACTER_THUMBNAIL_PATTERN.test(file) ? 'image/png' : file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'model/gltf-binary'
    return { bytes, contentType: type }
  }

  private entry(file: string, hasThumbnail = false): LocalCharacter {
    const known = this.index.names[file]
    const name = known?.name ?? ''
    const settings = {
      ...(known?.settings ? { settings: known.settings } : {}),
      ...(hasThumbnail ? { thumbnail: this.options.urlOf(thumbnailFileOf(file)) } : {}),
    }
    if (known?.entry) {
      const url = this.options.urlOf(`${file}/${known.entry.split('/').map(encodeURIComponent).join('/')}`)
      return { id: file, name, kind: 'live2d', url, ...settings }
    }
    return { id: file, name, kind: 'vrm', url: this.options.urlOf(file), ...settings }
  }

  private saveIndex(index: Index): Promise<void> {
    return this.folder.saveIndex(index).catch((error: unknown) => {
      throw writeError(error)
    })
  }
}

function writeError(error: unknown): HostError {
  if (error instanceof HostError) return error
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT') return new HostError('refused', 'There is not enough disk space to keep this file', { textCode: 'modelDiskFull' })
  const why = messageOf(error)
  return new HostError('internal', `Could not save the file: ${why}`, { textCode: 'modelNotSaved', params: { error: why } })
}
