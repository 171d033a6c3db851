/**
 * The user's own characters and Live2D runtimes as files: which are accepted (by their bytes,
 * never their names), how large they may be, the names they are stored under and the URLs they
 * are served from. The host enforces these; the renderer checks first only to answer sooner.
 */

/** A VRoid export is 10–60 MB; this also keeps the base64 copy under the web bridge's message limit. */
export const MAX_CHARACTER_BYTES = 64 * 1024 * 1024
/** Cubism Core is ~200 KB, Cubism 2's runtime ~130 KB. */
export const MAX_RUNTIME_BYTES = 4 * 1024 * 1024

/** Stored character files: a generated name, never the user's. A VRM is one file; a Live2D model a folder. */
export const CHARACTER_FILE_PATTERN = /^[a-f0-9]{32}\.vrm$/
export const CHARACTER_DIR_PATTERN = /^[a-f0-9]{32}$/
/** A character's thumbnail, rendered once by the page: `<id>.png` (`<hex>.vrm.png`, `<hex>.png`). */
export const CHARACTER_THUMBNAIL_PATTERN = /^[a-f0-9]{32}(\.vrm)?\.png$/
export const thumbnailFileOf = (id: string): string => `${id}.png`
/** A thumbnail is small: 256 × 256 at most, as a PNG. */
export const MAX_THUMBNAIL_BYTES = 512 * 1024

/** A file inside a stored Live2D model's folder, as a URL path names it: `<id>/<segments…>`, each plain. */
export function characterFolderPath(path: string): { id: string; segments: string[] } | undefined {
  const [id, ...rest] = path.split('/')
  if (!id || !CHARACTER_DIR_PATTERN.test(id) || rest.length === 0) return undefined
  try {
    const segments = rest.map((s) => decodeURIComponent(s))
    const bad = segments.some((s) => s === '' || s === '.' || s === '..' || /[\\/\0]/.test(s))
    return bad ? undefined : { id, segments }
  } catch {
    return undefined
  }
}

export const LIVE2D_RUNTIMES = {
  /** Cubism 3/4/5 models (`.model3.json`): Live2D Cubism Core for Web. */
  cubism4: 'live2dcubismcore.min.js',
  /** Cubism 2 models (`.model.json`): the Cubism 2.1 runtime. */
  cubism2: 'live2d.min.js',
} as const
export type Live2dRuntime = keyof typeof LIVE2D_RUNTIMES

export const isServedCharacterFile = (file: string): boolean =>
  CHARACTER_FILE_PATTERN.test(file) ||
  CHARACTER_THUMBNAIL_PATTERN.test(file) || (Object.values(LIVE2D_RUNTIMES) as string[]).includes(file) || characterFolderPath(file) !== undefined

/** A zip archive (a Live2D model's folder, packed), by its first bytes. */
export const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04

const GLB_MAGIC = 0x46546c67

/**
 * Whether the bytes are a VRM: a glTF 2 binary, whole, whose JSON declares the VRM 0.x (`VRM`) or
 * 1.0 (`VRMC_vrm`) extension. Returns why not otherwise.
 */
export function checkVrmBytes(bytes: Uint8Array): { ok: true } | { ok: false; problem: 'notVrm' | 'truncated' | 'noVrmData' } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 20 || view.getUint32(0, true) !== GLB_MAGIC || view.getUint32(4, true) !== 2) return { ok: false, problem: 'notVrm' }
  const declared = view.getUint32(8, true)
  const jsonLength = view.getUint32(12, true)
  if (declared > bytes.length || 20 + jsonLength > bytes.length) return { ok: false, problem: 'truncated' }
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as { extensionsUsed?: unknown; extensions?: Record<string, unknown> }
    const used = Array.isArray(json.extensionsUsed) ? json.extensionsUsed : []
    const has = (name: string): boolean => used.includes(name) || Boolean(json.extensions?.[name])
    return has('VRMC_vrm') || has('VRM') ? { ok: true } : { ok: false, problem: 'noVrmData' }
  } catch {
    return { ok: false, problem: 'truncated' }
  }
}

/** Which Live2D runtime a script is, by what it defines; `undefined` for anything else. */
export function sniffLive2dRuntime(text: string): Live2dRuntime | undefined {
  if (/\bLive2DCubismCore\b/.test(text)) return 'cubism4'
  if (/\bLive2DModelWebGL\b/.test(text)) return 'cubism2'
  return undefined
}

/** Electron serves them under `mira-character://local/<file>`; web mode under `/local-characters/<per-launch segment>/<file>`. */
export const LOCAL_CHARACTER_SCHEME = 'mira-character'
export const LOCAL_CHARACTERS_WEB_PATH = '/local-characters/'
