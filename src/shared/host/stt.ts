/** Speech-to-text in the host API: the whisper.cpp models the app can download, and each engine's state. */
import { z } from 'zod'

export const DOWNLOAD_ERROR_KINDS = ['not-found', 'http', 'network', 'disk-full', 'checksum', 'cancelled', 'io'] as const

export const whisperModelStateSchema = z.object({
  /** `tiny`, `base.en`, … */
  id: z.string().max(40),
  /** Where the file is (or will be) in the data folder: what `stt.whisperModel` is set to, to use it. */
  path: z.string().max(2000),
  sizeMiB: z.number(),
  englishOnly: z.boolean(),
  /** `partial`: a download stopped (cancelled, cut off); downloading again resumes it. */
  state: z.enum(['absent', 'downloading', 'partial', 'ready', 'failed']),
  received: z.number().optional(),
  total: z.number().optional(),
  /** Why the last download failed. */
  error: z.object({ kind: z.enum(DOWNLOAD_ERROR_KINDS), text: z.string().max(2000) }).optional(),
})
export type WhisperModelState = z.infer<typeof whisperModelStateSchema>
export const whisperModelListSchema = z.array(whisperModelStateSchema).max(50)

const detail = z.string().max(2000).optional()

/** One line per engine for Settings → Listening. */
export const sttStatusSchema = z.object({
  /** The server in use, from its `/v1/health` (`stt`: the engine it advertises, or none). */
  server: z.object({ state: z.enum(['ready', 'none', 'unreachable']), engine: z.string().max(200).optional(), detail }),
  /** The OpenAI-compatible endpoint: set up? key saved for its server? answering? */
  openai: z.object({ state: z.enum(['unset', 'reachable', 'refused', 'unreachable']), hasKey: z.boolean(), detail }),
  /** whisper.cpp here: the program and the model. */
  whisper: z.object({
    program: z.enum(['unset', 'found', 'missing']),
    model: z.enum(['unset', 'ready', 'missing', 'bad']),
    detail,
  }),
})
export type SttStatus = z.infer<typeof sttStatusSchema>
