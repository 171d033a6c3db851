/**
 * The built-in avatar's face as numbers: one parameter set per expression, blended over time,
 * and the SVG path geometry drawn from them (brows, eyelids, mouth). Pure, so the animation
 * loop only interpolates and writes attributes.
 */
import type { Expression } from './emotions'

export interface Face {
  /** Brow height, -1 (lowered) … 1 (raised); left and right as the viewer sees them. */
  browLiftL: number
  browLiftR: number
  /** Inner brow ends: 1 raised (worried, sad) … -1 lowered (angry). */
  browTilt: number
  /** Upper lids: 1 open … 0 shut; above 1 the eyes widen. */
  eyeOpen: number
  /** Lower lids rising into a smile ("^ ^"), 0 … 1. */
  eyeSmile: number
  /** Upper lid slant: 1 inner corners low (angry) … -1 outer corners low (sad). */
  lidTilt: number
  /** Mouth corners: 1 smile … -1 frown. */
  mouthCurve: number
  /** Half width of the mouth in SVG units. */
  mouthWidth: number
  /** Mouth opening kept without any voice (a surprised "o", an open smile), 0 … 1. */
  mouthOpen: number
  /** Sideways shift of the mouth (a thinking pout). */
  mouthShift: number
  blush: number
  /** Where the eyes look by themselves, -1 … 1, and how much that wins over the pointer. */
  gazeX: number
  gazeY: number
  gazeHold: number
}

const NEUTRAL: Face = {
  browLiftL: 0,
  browLiftR: 0,
  browTilt: 0.05,
  eyeOpen: 1,
  eyeSmile: 0.06,
  lidTilt: 0,
  mouthCurve: 0.4,
  mouthWidth: 13,
  mouthOpen: 0,
  mouthShift: 0,
  blush: 0.4,
  gazeX: 0,
  gazeY: 0,
  gazeHold: 0,
}

export const FACES: Readonly<Record<Expression, Face>> = {
  neutral: NEUTRAL,
  happy: { ...NEUTRAL, browLiftL: 0.45, browLiftR: 0.45, browTilt: 0.1, eyeSmile: 0.9, mouthCurve: 1, mouthWidth: 19, mouthOpen: 0.3, blush: 0.85 },
  sad: { ...NEUTRAL, browLiftL: 0.15, browLiftR: 0.15, browTilt: 1, eyeOpen: 0.78, eyeSmile: 0.12, lidTilt: -0.55, mouthCurve: -0.75, mouthWidth: 11, blush: 0.2, gazeY: 0.45, gazeHold: 0.5 },
  angry: { ...NEUTRAL, browLiftL: -0.5, browLiftR: -0.5, browTilt: -1, eyeOpen: 0.88, eyeSmile: 0.1, lidTilt: 0.6, mouthCurve: -0.55, mouthWidth: 12, blush: 0.55 },
  surprised: { ...NEUTRAL, browLiftL: 1, browLiftR: 1, browTilt: 0.35, eyeOpen: 1.14, eyeSmile: 0, mouthCurve: 0, mouthWidth: 11, mouthOpen: 0.7, blush: 0.35 },
  relaxed: { ...NEUTRAL, browLiftL: -0.05, browLiftR: -0.05, browTilt: 0.25, eyeOpen: 0.5, eyeSmile: 0.3, mouthCurve: 0.6, mouthWidth: 14, blush: 0.55 },
  sleepy: { ...NEUTRAL, browLiftL: -0.2, browLiftR: -0.2, browTilt: 0.3, eyeOpen: 0.22, eyeSmile: 0.2, lidTilt: -0.2, mouthCurve: 0.05, mouthWidth: 9, blush: 0.25, gazeY: 0.5, gazeHold: 0.7 },
  thinking: { ...NEUTRAL, browLiftL: -0.15, browLiftR: 0.75, browTilt: 0.1, eyeOpen: 0.92, eyeSmile: 0.1, mouthCurve: -0.1, mouthWidth: 8, mouthShift: 7, blush: 0.3, gazeX: 0.7, gazeY: -0.75, gazeHold: 0.9 },
}

const KEYS = Object.keys(NEUTRAL) as (keyof Face)[]

/** `from` moved towards `to` by `k` (0 … 1). */
export function mixFace(from: Face, to: Face, k: number): Face {
  if (k >= 1) return { ...to }
  const out = { ...from }
  for (const key of KEYS) out[key] = from[key] + (to[key] - from[key]) * k
  return out
}

export interface EyeGeometry {
  cx: number
  cy: number
  rx: number
  ry: number
  /** 1 for the viewer's left eye (its inner corner is on the right), -1 for the right eye. */
  side: 1 | -1
}

const f = (n: number): string => n.toFixed(1)

/** Upper lid: a filled cap from above down to the lid line, and the lid line alone (lashes). */
export function upperLid(eye: EyeGeometry, open: number, tilt: number): { fill: string; edge: string } {
  const { cx, cy, rx, ry, side } = eye
  const openTop = cy - ry - 3
  const shut = cy + ry * 0.3
  const y = shut + (openTop - shut) * Math.min(1, Math.max(0, open))
  const inner = y + tilt * 9
  const outer = y - tilt * 9
  const left = cx - rx - 4
  const right = cx + rx + 4
  const [yl, yr] = side === 1 ? [outer, inner] : [inner, outer]
  const bow = 6 * Math.min(1, Math.max(0, open) + 0.4)
  const edge = `M${f(left)} ${f(yl)} Q${f(cx)} ${f(y + bow)} ${f(right)} ${f(yr)}`
  return { fill: `${edge} L${f(right)} ${f(cy - ry - 14)} L${f(left)} ${f(cy - ry - 14)} Z`, edge }
}

/** Lower lid rising in an arch: a smile of the eyes. */
export function lowerLid(eye: EyeGeometry, smile: number): string {
  const { cx, cy, rx, ry } = eye
  const s = Math.min(1, Math.max(0, smile))
  const base = cy + ry + 4 - s * ry * 1.25
  const peak = base - s * ry * 1.2
  const left = cx - rx - 4
  const right = cx + rx + 4
  return `M${f(left)} ${f(base)} Q${f(cx)} ${f(peak)} ${f(right)} ${f(base)} L${f(right)} ${f(cy + ry + 14)} L${f(left)} ${f(cy + ry + 14)} Z`
}

/** A brow over `eye`: a short soft arc, raised by `lift`, its inner end moved by `tilt`. */
export function brow(eye: EyeGeometry, lift: number, tilt: number): string {
  const { cx, cy, ry, side } = eye
  const y = cy - ry - 15 - lift * 8
  const inner = cx + side * 14
  const outer = cx - side * 14
  const innerY = y - tilt * 6
  const outerY = y + tilt * 2
  return `M${f(outer)} ${f(outerY)} Q${f(cx)} ${f(y - 5)} ${f(inner)} ${f(innerY)}`
}

export interface MouthGeometry {
  cx: number
  cy: number
}

/**
 * The mouth outline: an upper and a lower curve between the corners. Shut, both coincide (only
 * the stroke shows, a line); the voice opens the lower one; `spread` widens for "i/e" and
 * narrows for "o/u".
 */
export function mouthPath(m: MouthGeometry, face: Face, voice: number, spread: number): { outline: string; tongueY: number } {
  const open = Math.min(1, face.mouthOpen + voice * (1 - face.mouthOpen * 0.4))
  const shape = 1 + (spread - 0.5) * 0.25 * Math.min(1, voice * 2)
  // The voice also widens the mouth a little, so speech reads from across the room.
  const w = (face.mouthWidth + voice * 5) * shape * (1 - open * 0.08)
  const x = m.cx + face.mouthShift
  const smile = Math.max(0, face.mouthCurve)
  const corners = m.cy - face.mouthCurve * 6
  // A smile keeps a flat upper lip (a "D"); other mouths open round, towards an "o".
  const upper = m.cy + face.mouthCurve * 4 - open * (1 - smile) * 12
  const lower = m.cy + face.mouthCurve * 4 + open * (30 + smile * 8)
  const outline = `M${f(x - w)} ${f(corners)} Q${f(x)} ${f(upper)} ${f(x + w)} ${f(corners)} Q${f(x)} ${f(lower)} ${f(x - w)} ${f(corners)} Z`
  // The tongue rests at the bottom of the opening (a quadratic reaches half way to its control point).
  return { outline, tongueY: (corners + lower) / 2 }
}


/** Where the built-in avatar's features sit in its 400 × 400 drawing. */
export const EYES: Readonly<Record<'L' | 'R', EyeGeometry>> = {
  L: { cx: 157, cy: 226, rx: 19.5, ry: 25, side: 1 },
  R: { cx: 243, cy: 226, rx: 19.5, ry: 25, side: -1 },
}
export const MOUTH: MouthGeometry = { cx: 200, cy: 270 }
