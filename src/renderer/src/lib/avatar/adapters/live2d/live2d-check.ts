/**
 * Checks a Live2D model's settings file before any engine sees it: which Cubism it is (a
 * `.model3.json` is Cubism 3/4/5, a `.model.json` Cubism 2), that it names a moc and textures, and
 * that every file it references stays inside the model's own folder on its own origin. Then that
 * the moc and textures are really there, so a missing texture is named instead of drawn blank.
 */
import { AvatarLoadError } from '../types'

export interface Live2dFiles {
  cubism: 2 | 4
  moc: string
  textures: string[]
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** `path` resolved against the model file, or a `badFile` error when it would leave the model's folder. */
export function insideModelFolder(modelUrl: string, path: string): string {
  const base = new URL(modelUrl)
  const folder = new URL('.', base)
  let resolved: URL
  try {
    resolved = new URL(path, base)
  } catch {
    throw new AvatarLoadError('badFile', `a bad file reference: ${path}`)
  }
  if (resolved.origin !== folder.origin || !resolved.pathname.startsWith(folder.pathname) || /(^|\/)\.\.(\/|$)|%2e%2e/i.test(path)) {
    throw new AvatarLoadError('badFile', `a file outside the model's folder: ${path}`)
  }
  return resolved.href
}

export function live2dFiles(settings: unknown, modelUrl: string): Live2dFiles {
  if (!isObject(settings)) throw new AvatarLoadError('unknownFormat', 'the settings file is not a JSON object')
  const refs = settings.FileReferences
  if (isObject(refs)) {
    if (typeof refs.Moc !== 'string') throw new AvatarLoadError('unknownFormat', 'FileReferences.Moc is missing')
    const textures = strings(refs.Textures)
    if (textures.length === 0) throw new AvatarLoadError('missingTexture', 'FileReferences.Textures is empty')
    return { cubism: 4, moc: insideModelFolder(modelUrl, refs.Moc), textures: textures.map((t) => insideModelFolder(modelUrl, t)) }
  }
  if (typeof settings.model === 'string') {
    const textures = strings(settings.textures)
    if (textures.length === 0) throw new AvatarLoadError('missingTexture', 'textures is empty')
    return { cubism: 2, moc: insideModelFolder(modelUrl, settings.model), textures: textures.map((t) => insideModelFolder(modelUrl, t)) }
  }
  throw new AvatarLoadError('unknownFormat', 'neither a Cubism 3/4 (.model3.json) nor a Cubism 2 (.model.json) settings file')
}

/** Asks for each file (HEAD): the first one missing is named in the error. */
export async function checkFilesExist(files: Live2dFiles, request: typeof fetch = fetch): Promise<void> {
  const all: [string, 'notFound' | 'missingTexture'][] = [[files.moc, 'notFound'], ...files.textures.map((t): [string, 'missingTexture'] => [t, 'missingTexture'])]
  await Promise.all(
    all.map(async ([url, code]) => {
      const response = await request(url, { method: 'HEAD', credentials: 'omit' }).catch(() => undefined)
      if (!response?.ok) throw new AvatarLoadError(code, decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url))
    }),
  )
}
