/**
 * The neutral description of a character's model, as the host hands it to the renderer: which
 * renderer draws it (built-in drawing, Live2D, VRM), where the model file is, and how to place and
 * animate it. Servers speak Live2D-shaped `model_info`; the core converts it once (`fromModelInfo`).
 */
import { z } from 'zod'

export const AVATAR_KINDS = ['builtin', 'live2d', 'vrm'] as const
export type AvatarKind = (typeof AVATAR_KINDS)[number]

/** Emotion word → the model's expression: a name, or (Live2D) an index into its expression list. */
export const emotionMapSchema = z.record(z.string().max(100), z.union([z.string().max(200), z.number().int().min(0).max(1000)]))

export const avatarSourceSchema = z.object({
  kind: z.enum(AVATAR_KINDS),
  /** The model file (`.vrm`, `.model3.json`, `.model.json`); absent for the built-in avatar. */
  url: z.string().min(1).max(2000).optional(),
  name: z.string().max(200).optional(),
  /** 1 = the renderer's own framing. */
  scale: z.number().positive().max(100),
  /** Shift from the default framing, in fractions of the stage (x right, y down). */
  offsetX: z.number().min(-10).max(10),
  offsetY: z.number().min(-10).max(10),
  emotionMap: emotionMapSchema,
  /** Live2D: the motion group played while idle (`Idle` when not named). */
  idleMotion: z.string().max(200).optional(),
  /** Live2D: hit area → motion group played when it is tapped. */
  tapMotions: z.record(z.string().max(200), z.string().max(200)).optional(),
  /** False: the model does not follow the pointer. */
  pointerInteractive: z.boolean(),
})
export type AvatarSource = z.infer<typeof avatarSourceSchema>

export const BUILTIN_SOURCE: AvatarSource = { kind: 'builtin', scale: 1, offsetX: 0, offsetY: 0, emotionMap: {}, pointerInteractive: true }

/** Which renderer a model file needs, by its name; `undefined` when none knows it. */
export function kindOfModelPath(path: string): Exclude<AvatarKind, 'builtin'> | undefined {
  const name = (path.split(/[?#]/)[0] ?? '').toLowerCase()
  if (name.endsWith('.vrm')) return 'vrm'
  if (name.endsWith('.model3.json') || name.endsWith('.model.json')) return 'live2d'
  return undefined
}
