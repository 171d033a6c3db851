/**
 * A server's Live2D-shaped `model_info` (as DMP and Open-LLM-VTuber configs write it) → Mira's
 * neutral `AvatarSource`. The one place that knows the wire names (`kScale`, `initialXshift`,
 * `emotionMap`, `idleMotionGroupName`, `tapMotions`, `pointerInteractive`).
 */
import type { ModelInfo } from '../../../shared/protocol'
import { AVATAR_KINDS, BUILTIN_SOURCE, kindOfModelPath, type AvatarKind, type AvatarSource } from '../../../shared/avatar/source'

/** `initialXshift`/`Yshift` are pixels on the server's own stage, which its frontends size at about this height. */
const SHIFT_STAGE_PX = 800

const finite = (value: unknown, min: number, max: number): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined

function emotionMapOf(raw: unknown): AvatarSource['emotionMap'] {
  const map: Record<string, string | number> = {}
  if (!raw || typeof raw !== 'object') return map
  for (const [word, value] of Object.entries(raw)) {
    const key = word.trim().toLowerCase().slice(0, 100)
    if (!key) continue
    if (typeof value === 'string' && value.trim()) map[key] = value.trim().slice(0, 200)
    else if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000) map[key] = value
  }
  return map
}

/** `{ Body: 'TapBody' }`, or Open-LLM-VTuber's `{ Body: { TapBody: 30, Shake: 70 } }` (the heaviest group wins). */
function tapMotionsOf(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const out: Record<string, string> = {}
  for (const [area, value] of Object.entries(raw)) {
    if (typeof value === 'string' && value) out[area.slice(0, 200)] = value.slice(0, 200)
    else if (value && typeof value === 'object') {
      const groups = Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number')
      const best = groups.sort((a, b) => b[1] - a[1])[0]
      if (best) out[area.slice(0, 200)] = best[0].slice(0, 200)
    }
  }
  return Object.keys(out).length ? out : undefined
}

function kindOf(info: ModelInfo, path: string | undefined): AvatarKind {
  const declared = (info as Record<string, unknown>).kind
  if (typeof declared === 'string' && (AVATAR_KINDS as readonly string[]).includes(declared)) return declared as AvatarKind
  if (path === undefined) return 'builtin'
  // A server that sends a model path without saying which kind speaks Live2D (the wire's origin).
  return kindOfModelPath(path) ?? 'live2d'
}

/**
 * The source for `model_info`; `url` is the model path already resolved against the server (or
 * `undefined` when missing or refused, which leaves the built-in avatar).
 */
export function sourceFromModelInfo(info: ModelInfo, url: string | undefined): AvatarSource {
  const raw = info as Record<string, unknown>
  const kind = kindOf(info, info.url ?? info.model_path)
  const name = info.name?.slice(0, 200)
  const source: AvatarSource = {
    ...BUILTIN_SOURCE,
    kind: kind !== 'builtin' && url === undefined ? 'builtin' : kind,
    ...(name ? { name } : {}),
    scale: finite(info.kScale, 0.001, 100) ?? 1,
    offsetX: (finite(info.initialXshift, -8000, 8000) ?? 0) / SHIFT_STAGE_PX,
    offsetY: (finite(info.initialYshift, -8000, 8000) ?? 0) / SHIFT_STAGE_PX,
    emotionMap: emotionMapOf(info.emotionMap),
    pointerInteractive: raw.pointerInteractive !== false,
  }
  if (source.kind === 'builtin') return source
  const tap = tapMotionsOf(raw.tapMotions)
  return {
    ...source,
    ...(url === undefined ? {} : { url }),
    ...(info.idleMotionGroupName ? { idleMotion: info.idleMotionGroupName.slice(0, 200) } : {}),
    ...(tap ? { tapMotions: tap } : {}),
  }
}
