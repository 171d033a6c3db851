/**
 * An avatar config file (`avatars/*.yaml`), shaped like Open-LLM-VTuber's `conf.yaml`
 * (`character_config` with `conf_name`, `conf_uid`, `live2d_model_name`, `persona_prompt`) plus a
 * `mira` section for what only Mira uses. Unknown keys are kept out of the way, not refused.
 */
import { z } from 'zod'

export const AVATAR_KINDS = ['builtin', 'live2d', 'vrm'] as const

const text = z.string().trim().min(1).max(200)

export const avatarConfigFileSchema = z.looseObject({
  character_config: z.looseObject({
    conf_name: text,
    conf_uid: text,
    live2d_model_name: z.string().trim().regex(/^[\w.-]{1,100}$/, 'a folder name under live2d/').optional(),
    character_name: text.optional(),
    persona_prompt: z.string().max(20_000).optional(),
    mira: z
      .looseObject({
        avatar: z.enum(AVATAR_KINDS).default('builtin'),
        /** A TTS voice: an espeak-ng voice such as `en-us`, or the upstream engine's voice name. */
        voice: z.string().trim().max(100).optional(),
        /** Emotion word → the model's expression (name or index). Its keys are also valid `[tags]`. */
        emotion_map: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        /** Live2D model-dictionary extras passed on in `model_info`. */
        model: z
          .object({
            kScale: z.number().optional(),
            initialXshift: z.number().optional(),
            initialYshift: z.number().optional(),
            idleMotionGroupName: z.string().optional(),
            /** Hit area → motion group (or group → weight, as Open-LLM-VTuber writes it). */
            tapMotions: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.number())])).optional(),
            pointerInteractive: z.boolean().optional(),
          })
          .optional(),
      })
      .default({ avatar: 'builtin' }),
  }),
})

export type AvatarConfigFile = z.output<typeof avatarConfigFileSchema>
