import { describe, expect, it } from 'vitest'
import { characterBadge } from './character-badge'

describe('characterBadge', () => {
  it('shows the first letter of the character’s name, whole, in a colour of its own', () => {
    expect(characterBadge('Mira')).toEqual({ initial: 'M', hue: undefined })
    expect(characterBadge('  ')).toEqual({ initial: 'M', hue: undefined })
    const luna = characterBadge('luna')
    expect(luna.initial).toBe('L')
    expect(luna.hue).toBeGreaterThanOrEqual(0)
    expect(luna.hue).toBeLessThan(360)
    // The same name always gets the same colour; another name another one.
    expect(characterBadge('luna')).toEqual(luna)
    expect(characterBadge('Haru').hue).not.toBe(luna.hue)
    expect(characterBadge('🦊 Kit').initial).toBe('🦊')
    expect(characterBadge('ひより').initial).toBe('ひ')
  })
})
