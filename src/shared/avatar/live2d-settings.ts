/**
 * What a Live2D settings file names, read the same way by the core (checking a zip the user adds)
 * and the renderer (checking a model before the engine loads it): Cubism 3–5 (`.model3.json`,
 * `FileReferences`) or Cubism 2 (`.model.json`), its moc and its textures, as the file writes them
 * (paths relative to the settings file).
 */
export interface Live2dReferences {
  cubism: 2 | 4
  moc: string
  textures: string[]
}

export type Live2dSettingsProblem = 'notObject' | 'noMoc' | 'noTextures' | 'unknown'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

export function live2dReferences(settings: unknown): { ok: true; refs: Live2dReferences } | { ok: false; problem: Live2dSettingsProblem } {
  if (!isObject(settings)) return { ok: false, problem: 'notObject' }
  const refs = settings.FileReferences
  if (isObject(refs)) {
    if (typeof refs.Moc !== 'string') return { ok: false, problem: 'noMoc' }
    const textures = strings(refs.Textures)
    return textures.length ? { ok: true, refs: { cubism: 4, moc: refs.Moc, textures } } : { ok: false, problem: 'noTextures' }
  }
  if (typeof settings.model === 'string') {
    const textures = strings(settings.textures)
    return textures.length ? { ok: true, refs: { cubism: 2, moc: settings.model, textures } } : { ok: false, problem: 'noTextures' }
  }
  return { ok: false, problem: 'unknown' }
}

/** A Live2D settings file, by its name. */
export const isLive2dSettingsName = (name: string): boolean => /\.model3?\.json$/i.test(name)
