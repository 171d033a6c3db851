/** Emotion words to expressions: every shared default word is mapped; unknown ones fall back to neutral. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_EMOTIONS } from '../../../../shared/speech'
import { avatarEmotionMap, DEFAULT_EMOTION_MAP, EXPRESSIONS, expressionFor } from './emotions'

describe('expressionFor', () => {
  it('maps every default emotion word to a built-in expression', () => {
    for (const word of DEFAULT_EMOTIONS) expect(EXPRESSIONS).toContain(DEFAULT_EMOTION_MAP[word])
  })

  it('is case-insensitive, and neutral for unknown or missing emotions', () => {
    expect(expressionFor('Joy')).toBe('happy')
    expect(expressionFor('anger')).toBe('angry')
    expect(expressionFor('bewildered')).toBe('neutral')
    expect(expressionFor('Tired')).toBe('sleepy')
    expect(expressionFor(null)).toBe('neutral')
    expect(expressionFor(undefined)).toBe('neutral')
  })

  it('takes an avatar’s own map', () => {
    expect(expressionFor('sleepy', { sleepy: 'relaxed' })).toBe('relaxed')
    expect(expressionFor('happy', { sleepy: 'relaxed' })).toBe('neutral')
  })
})

describe('avatarEmotionMap', () => {
  it('puts a config’s words over the defaults, case-insensitively', () => {
    const map = avatarEmotionMap({ Joy: 'happy', fear: 'Surprised', sleepy: 'relaxed' })
    expect(expressionFor('joy', map)).toBe('happy')
    expect(expressionFor('fear', map)).toBe('surprised')
    expect(expressionFor('sleepy', map)).toBe('relaxed')
    // Words the config does not name keep their default expression; unknown ones are neutral.
    expect(expressionFor('anger', map)).toBe('angry')
    expect(expressionFor('bewildered', map)).toBe('neutral')
  })

  it('ignores entries that name no built-in expression (a Live2D map of indexes), and no map at all', () => {
    expect(avatarEmotionMap({ neutral: 0, happy: 1, fear: 'terrified' })).toBe(DEFAULT_EMOTION_MAP)
    expect(avatarEmotionMap(undefined)).toBe(DEFAULT_EMOTION_MAP)
    expect(avatarEmotionMap(null)).toBe(DEFAULT_EMOTION_MAP)
    expect(expressionFor('fear', avatarEmotionMap({ fear: 'terrified', joy: 'happy' }))).toBe('sad')
  })
})
