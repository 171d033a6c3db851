/** Emotion words to expressions: every shared default word is mapped; unknown ones fall back to neutral. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_EMOTIONS } from '../../../../shared/speech'
import { DEFAULT_EMOTION_MAP, EXPRESSIONS, expressionFor } from './emotions'

describe('expressionFor', () => {
  it('maps every default emotion word to a built-in expression', () => {
    for (const word of DEFAULT_EMOTIONS) expect(EXPRESSIONS).toContain(DEFAULT_EMOTION_MAP[word])
  })

  it('is case-insensitive, and neutral for unknown or missing emotions', () => {
    expect(expressionFor('Joy')).toBe('happy')
    expect(expressionFor('anger')).toBe('angry')
    expect(expressionFor('sleepy')).toBe('neutral')
    expect(expressionFor(null)).toBe('neutral')
    expect(expressionFor(undefined)).toBe('neutral')
  })

  it('takes an avatar’s own map', () => {
    expect(expressionFor('sleepy', { sleepy: 'relaxed' })).toBe('relaxed')
    expect(expressionFor('happy', { sleepy: 'relaxed' })).toBe('neutral')
  })
})
