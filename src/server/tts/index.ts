import { z } from 'zod'
import { EspeakEngine } from './espeak/engine'
import { OpenAiSpeechEngine } from './openai/engine'
import type { TtsEngine } from './types'

export { EspeakEngine, parseVoiceTable, type EspeakOptions, type EspeakVoice } from './espeak/engine'
export { OpenAiSpeechEngine, type OpenAiSpeechOptions } from './openai/engine'
export { synthesizeText, splitForSpeech } from './synthesize'
export { TtsError, type SynthesisRequest, type TtsEngine } from './types'

/** How the companion speaks: offline espeak-ng (default) or an OpenAI-compatible speech endpoint. */
export const ttsConfigSchema = z.discriminatedUnion('engine', [
  z.object({
    engine: z.literal('espeak'),
    voice: z.string().trim().min(1).max(50).optional(),
    rate: z.number().int().min(80).max(450).optional(),
    pitch: z.number().int().min(0).max(99).optional(),
  }),
  z.object({
    engine: z.literal('openai'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    apiKey: z.string().min(1).optional(),
    model: z.string().trim().min(1).max(100).optional(),
    voice: z.string().trim().min(1).max(64).optional(),
  }),
])
export type TtsConfig = z.output<typeof ttsConfigSchema>

export function createTtsEngine(config: TtsConfig = { engine: 'espeak' }): TtsEngine {
  if (config.engine === 'openai') {
    return new OpenAiSpeechEngine({
      baseUrl: config.baseUrl,
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      ...(config.model ? { model: config.model } : {}),
      ...(config.voice ? { voice: config.voice } : {}),
    })
  }
  return new EspeakEngine({
    ...(config.voice ? { voice: config.voice } : {}),
    ...(config.rate ? { rate: config.rate } : {}),
    ...(config.pitch !== undefined ? { pitch: config.pitch } : {}),
  })
}
