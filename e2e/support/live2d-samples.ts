/**
 * Real Live2D models and runtimes for the e2e specs, from npm packages that are dev dependencies
 * only (never bundled into the app): `live2dcubismcore` (Cubism Core 4.2.2, the Cubism 2 runtime
 * and the Cubism 4 sample "Haru, greeter") and `live2d-widget-model-shizuku` (a Cubism 2 model).
 * They are served by the fake agent server under `/live2d/`, as a user's server serves its models.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const CORE_PACKAGE = join(process.cwd(), 'node_modules', 'live2dcubismcore')
const HARU = join(CORE_PACKAGE, 'characters', 'haru_greeter_pro_jp', 'runtime')
const SHIZUKU = join(process.cwd(), 'node_modules', 'live2d-widget-model-shizuku', 'assets')

export const HARU_URL = '/live2d/haru/haru_greeter_t03.model3.json'
/** Haru without motions and without the eye-blink group: nothing of her own moves her eyes. */
export const HARU_PLAIN_URL = '/live2d/haru/haru_plain.model3.json'
/**
 * Haru whose idle motions are the sample's two with a wrong `TotalPointCount` (m07, m22: the
 * engine's parser fails on them), one that is not JSON at all, and one good one (m08).
 */
export const HARU_ROUGH_URL = '/live2d/haru/haru_rough.model3.json'
export const SHIZUKU_URL = '/live2d/shizuku/shizuku.model.json'

type ServedFile = { type: string; body: Uint8Array | string }

export interface Live2dSamples {
  /** Path under `/v1` → file, for the fake agent server. */
  files: Record<string, ServedFile>
  /** The runtimes, as a user picks them in Settings. */
  cubism4: Buffer
  cubism2: Buffer
}

const TYPES: Record<string, string> = { json: 'application/json', png: 'image/png', mp3: 'audio/mpeg' }

function files(root: string, under: string): Record<string, ServedFile> {
  const out: Record<string, ServedFile> = {}
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[`${under}/${relative(root, path).split('\\').join('/')}`] = { type: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream', body: readFileSync(path) }
    }
  }
  walk(root)
  return out
}

/**
 * Expressions for Haru, made by the test: the sample has none, and Mira's emotions need some.
 * `Smile` narrows the eyes into a smile; `Sad` turns the mouth down and lowers the brows.
 */
const HARU_EXPRESSIONS: Record<string, { Id: string; Value: number; Blend: string }[]> = {
  Smile: [
    { Id: 'ParamEyeLSmile', Value: 1, Blend: 'Add' },
    { Id: 'ParamEyeRSmile', Value: 1, Blend: 'Add' },
  ],
  Sad: [
    { Id: 'ParamMouthForm', Value: -2, Blend: 'Add' },
    { Id: 'ParamBrowLForm', Value: -1, Blend: 'Add' },
    { Id: 'ParamBrowRForm', Value: -1, Blend: 'Add' },
  ],
}

/** Haru's runtime folder, for a companion data dir (`live2d/<name>/`). */
export const HARU_FOLDER = HARU

/** The samples, or why they are not there (the spec skips with that reason). */
export function live2dSamples(): Live2dSamples | string {
  for (const [what, path] of [
    ['live2dcubismcore (dev dependency)', HARU],
    ['live2d-widget-model-shizuku (dev dependency)', SHIZUKU],
  ] as const) {
    if (!existsSync(path)) return `${what} is not installed: run npm ci`
  }
  const served = { ...files(HARU, '/live2d/haru'), ...files(SHIZUKU, '/live2d/shizuku') }
  const settings = JSON.parse(readFileSync(join(HARU, 'haru_greeter_t03.model3.json'), 'utf8')) as { FileReferences: Record<string, unknown>; Groups: { Name: string }[] }
  const { Motions: _motions, ...plainFiles } = settings.FileReferences
  served[HARU_PLAIN_URL] = { type: 'application/json', body: JSON.stringify({ ...settings, FileReferences: plainFiles, Groups: settings.Groups.filter((g) => g.Name !== 'EyeBlink') }) }
  settings.FileReferences.Expressions = Object.keys(HARU_EXPRESSIONS).map((name) => ({ Name: name, File: `expressions/${name}.exp3.json` }))
  served[HARU_URL] = { type: 'application/json', body: JSON.stringify(settings) }
  const rough = ['motion/broken.motion3.json', 'motion/haru_g_m07.motion3.json', 'motion/haru_g_m22.motion3.json', 'motion/haru_g_m08.motion3.json'].map((File) => ({ File }))
  served[HARU_ROUGH_URL] = { type: 'application/json', body: JSON.stringify({ ...settings, FileReferences: { ...settings.FileReferences, Motions: { Idle: rough } } }) }
  served['/live2d/haru/motion/broken.motion3.json'] = { type: 'application/json', body: '{ "Version": 3, "Meta": ' }
  for (const [name, parameters] of Object.entries(HARU_EXPRESSIONS)) {
    served[`/live2d/haru/expressions/${name}.exp3.json`] = { type: 'application/json', body: JSON.stringify({ Type: 'Live2D Expression', FadeInTime: 0.2, FadeOutTime: 0.2, Parameters: parameters }) }
  }
  return {
    files: served,
    cubism4: readFileSync(join(CORE_PACKAGE, 'live2dcubismcore.min.js')),
    cubism2: readFileSync(join(CORE_PACKAGE, 'live2d.min.js')),
  }
}
