/**
 * From a chunk's emotion word (`[happy]` tags, `tts_ready_chunk.emotion`) to one of the built-in
 * avatar's expressions. An avatar config can bring its own words (`model_info.emotionMap`).
 */
export const EXPRESSIONS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'relaxed', 'thinking', 'sleepy'] as const
export type Expression = (typeof EXPRESSIONS)[number]

export type EmotionMap = Readonly<Record<string, Expression>>

/** Covers the shared default emotion words (src/shared/speech/emotion-tags.ts). */
export const DEFAULT_EMOTION_MAP: EmotionMap = {
  neutral: 'neutral',
  happy: 'happy',
  joy: 'happy',
  excited: 'happy',
  love: 'happy',
  laugh: 'happy',
  wink: 'happy',
  smirk: 'happy',
  calm: 'relaxed',
  relaxed: 'relaxed',
  shy: 'relaxed',
  embarrassed: 'relaxed',
  sad: 'sad',
  sadness: 'sad',
  worried: 'sad',
  fear: 'sad',
  afraid: 'sad',
  scared: 'sad',
  angry: 'angry',
  anger: 'angry',
  disgust: 'angry',
  disgusted: 'angry',
  surprise: 'surprised',
  surprised: 'surprised',
  confused: 'thinking',
  thinking: 'thinking',
  sleepy: 'sleepy',
  tired: 'sleepy',
}

const isExpression = (value: string): value is Expression => (EXPRESSIONS as readonly string[]).includes(value)

/**
 * The map for an avatar config's `emotionMap` (word → expression name): its words on top of the
 * defaults, so a config can add words or move one (`fear: surprised`). Entries that name no
 * built-in expression are ignored: a Live2D model's map (word → expression index) means nothing
 * to the built-in avatar.
 */
export function avatarEmotionMap(configured: Readonly<Record<string, unknown>> | null | undefined): EmotionMap {
  const own: Record<string, Expression> = {}
  for (const [word, value] of Object.entries(configured ?? {})) {
    const expression = typeof value === 'string' ? value.trim().toLowerCase() : ''
    if (isExpression(expression)) own[word.trim().toLowerCase()] = expression
  }
  return Object.keys(own).length === 0 ? DEFAULT_EMOTION_MAP : { ...DEFAULT_EMOTION_MAP, ...own }
}

/** The expression for an emotion word; unknown words (and none) are neutral. */
export function expressionFor(emotion: string | null | undefined, map: EmotionMap = DEFAULT_EMOTION_MAP): Expression {
  if (!emotion) return 'neutral'
  return map[emotion.trim().toLowerCase()] ?? 'neutral'
}
