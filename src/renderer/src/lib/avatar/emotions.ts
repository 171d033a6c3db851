/**
 * From a chunk's emotion word (`[happy]` tags, `tts_ready_chunk.emotion`) to one of the built-in
 * avatar's expressions. A plain map, so an avatar config can bring its own later.
 */
export const EXPRESSIONS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'relaxed', 'thinking'] as const
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
}

/** The expression for an emotion word; unknown words (and none) are neutral. */
export function expressionFor(emotion: string | null | undefined, map: EmotionMap = DEFAULT_EMOTION_MAP): Expression {
  if (!emotion) return 'neutral'
  return map[emotion.trim().toLowerCase()] ?? 'neutral'
}
