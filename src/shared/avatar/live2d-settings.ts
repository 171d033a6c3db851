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
  /** Every other file it names (physics, pose, expressions, motions and their sounds): loaded by the engine later. */
  others: string[]
}

export type Live2dSettingsProblem = 'notObject' | 'noMoc' | 'noTextures' | 'unknown'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** The `File`/`file` and `Sound`/`sound` paths in a list of motion or expression entries. */
function filesIn(value: unknown): string[] {
  const entries = Array.isArray(value) ? value : isObject(value) ? Object.values(value).flat() : []
  return entries.flatMap((entry) => (isObject(entry) ? [entry.File, entry.file, entry.Sound, entry.sound].filter((v): v is string => typeof v === 'string' && v !== '') : []))
}

export function live2dReferences(settings: unknown): { ok: true; refs: Live2dReferences } | { ok: false; problem: Live2dSettingsProblem } {
  if (!isObject(settings)) return { ok: false, problem: 'notObject' }
  const refs = settings.FileReferences
  if (isObject(refs)) {
    if (typeof refs.Moc !== 'string') return { ok: false, problem: 'noMoc' }
    const textures = strings(refs.Textures)
    const others = [refs.Physics, refs.Pose, refs.DisplayInfo, refs.UserData].filter((v): v is string => typeof v === 'string' && v !== '')
    others.push(...filesIn(refs.Expressions), ...filesIn(refs.Motions))
    return textures.length ? { ok: true, refs: { cubism: 4, moc: refs.Moc, textures, others } } : { ok: false, problem: 'noTextures' }
  }
  if (typeof settings.model === 'string') {
    const textures = strings(settings.textures)
    const others = [settings.physics, settings.pose].filter((v): v is string => typeof v === 'string' && v !== '')
    others.push(...filesIn(settings.expressions), ...filesIn(settings.motions))
    return textures.length ? { ok: true, refs: { cubism: 2, moc: settings.model, textures, others } } : { ok: false, problem: 'noTextures' }
  }
  return { ok: false, problem: 'unknown' }
}

/** A Live2D settings file, by its name. */
export const isLive2dSettingsName = (name: string): boolean => /\.model3?\.json$/i.test(name)
