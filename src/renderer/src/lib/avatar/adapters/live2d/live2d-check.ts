/**
 * Checks a Live2D model's settings file before any engine sees it: which Cubism it is (a
 * `.model3.json` is Cubism 3/4/5, a `.model.json` Cubism 2), that it names a moc and textures, and
 * that every file it references (motions and sounds included) stays inside the model's own folder
 * on its own origin. Then that
 * the moc and textures are really there, so a missing texture is named instead of drawn blank.
 */
import { live2dReferences, type Live2dSettingsProblem } from '../../../../../../shared/avatar/live2d-settings'
import { AvatarLoadError } from '../types'

export interface Live2dFiles {
  cubism: 2 | 4
  moc: string
  textures: string[]
}

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

const PROBLEMS: Record<Live2dSettingsProblem, [code: 'unknownFormat' | 'missingTexture', detail: string]> = {
  notObject: ['unknownFormat', 'the settings file is not a JSON object'],
  noMoc: ['unknownFormat', 'the settings name no moc file'],
  noTextures: ['missingTexture', 'the settings name no texture'],
  unknown: ['unknownFormat', 'neither a Cubism 3/4 (.model3.json) nor a Cubism 2 (.model.json) settings file'],
}

export function live2dFiles(settings: unknown, modelUrl: string): Live2dFiles {
  const read = live2dReferences(settings)
  if (!read.ok) throw new AvatarLoadError(...PROBLEMS[read.problem])
  const { cubism, moc, textures, others } = read.refs
  // Files the engine loads later (motions, sounds, physics…) must stay inside the folder too.
  for (const path of others) insideModelFolder(modelUrl, path)
  return { cubism, moc: insideModelFolder(modelUrl, moc), textures: textures.map((t) => insideModelFolder(modelUrl, t)) }
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
