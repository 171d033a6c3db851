/**
 * A Live2D model the user adds as a zip: unpacked in memory with bounds (entry count, declared and
 * real sizes), every path checked (no absolute paths, drive letters, backslashes or `..`), the
 * settings file found (`.model3.json`, or Cubism 2's `.model.json`), read, and every file it names
 * found in the archive. Anything wrong is a HostError with a code the page words.
 */
import { posix } from 'node:path'
import { unzipSync } from 'fflate'
import { HostError } from '../../../shared/host'
import { isLive2dSettingsName, live2dReferences } from '../../../shared/avatar/live2d-settings'

export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024
export const MAX_ENTRIES = 4000

export interface Live2dPackage {
  /** The settings file, relative to the package root. */
  entry: string
  files: Map<string, Uint8Array>
}

/** A zip entry name as a safe relative path, or `undefined` for a folder or a name that is refused. */
export function safeEntryPath(name: string): string | undefined {
  if (name.endsWith('/')) return undefined
  if (name.startsWith('/') || name.includes('\\') || name.includes('\0') || /^[a-zA-Z]:/.test(name)) return undefined
  const segments = name.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.length === 0 || segments.some((s) => s === '..')) return undefined
  return segments.join('/')
}

const refused = (text: string, textCode: string, params?: Record<string, string | number>) =>
  new HostError('invalid-request', text, params ? { textCode, params } : { textCode })

export function unpackLive2dZip(bytes: Uint8Array): Live2dPackage {
  let entries = 0
  let declared = 0
  const unsafe: string[] = []
  let unzipped: Record<string, Uint8Array>
  try {
    unzipped = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.startsWith('__MACOSX/') || file.name.endsWith('/')) return false
        if (safeEntryPath(file.name) === undefined) {
          unsafe.push(file.name)
          return false
        }
        entries += 1
        declared += file.originalSize
        if (entries > MAX_ENTRIES || declared > MAX_UNPACKED_BYTES) throw refused(`The archive unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`, 'zipTooLarge', { max: MAX_UNPACKED_BYTES / 1024 / 1024 })
        return true
      },
    })
  } catch (error) {
    if (error instanceof HostError) throw error
    throw refused('This zip file is damaged', 'zipDamaged')
  }
  if (unsafe.length) throw refused(`The archive has a file outside its folder: ${unsafe[0]}`, 'zipUnsafePath', { name: unsafe[0] ?? '' })
  const files = new Map<string, Uint8Array>()
  let total = 0
  for (const [name, data] of Object.entries(unzipped)) {
    total += data.length
    if (total > MAX_UNPACKED_BYTES) throw refused(`The archive unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`, 'zipTooLarge', { max: MAX_UNPACKED_BYTES / 1024 / 1024 })
    files.set(safeEntryPath(name) ?? name, data)
  }
  // The settings file nearest the top: a zip of a folder holds it one level down.
  const entry = [...files.keys()].filter(isLive2dSettingsName).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0]
  if (entry === undefined) throw refused('The archive holds no Live2D model (.model3.json or .model.json)', 'noLive2dModel')
  checkReferences(entry, files)
  return { entry, files }
}

function checkReferences(entry: string, files: Map<string, Uint8Array>): void {
  let settings: unknown
  try {
    settings = JSON.parse(new TextDecoder().decode(files.get(entry)))
  } catch (error) {
    throw refused(`${posix.basename(entry)} is not valid JSON`, 'live2dBadJson', { name: posix.basename(entry), error: error instanceof Error ? error.message : String(error) })
  }
  const read = live2dReferences(settings)
  if (!read.ok) throw refused(`${posix.basename(entry)} is not a Live2D model's settings file`, 'live2dNotSettings', { name: posix.basename(entry) })
  const folder = posix.dirname(entry)
  const inside = (path: string): string | undefined => safeEntryPath(posix.normalize(posix.join(folder, path)))
  for (const path of [read.refs.moc, ...read.refs.textures]) {
    const found = inside(path)
    if (found === undefined || !files.has(found)) throw refused(`The model's file ${path} is missing from the archive`, 'live2dMissingFile', { name: path })
  }
  // A missing motion only loses that motion; one that points outside the model is refused.
  const outside = read.refs.others.find((path) => inside(path) === undefined)
  if (outside !== undefined) throw refused(`The archive has a file outside its folder: ${outside}`, 'zipUnsafePath', { name: outside })
}
