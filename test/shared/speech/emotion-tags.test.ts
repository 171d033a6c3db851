import { describe, expect, it } from 'vitest'
import { EmotionTagFilter, emotionSet, extractEmotionTags } from '../../../src/shared/speech'

function shown(text: string, size: number, filter = new EmotionTagFilter()): { out: string; pieces: string[] } {
  const pieces: string[] = []
  const chars = [...text]
  for (let i = 0; i < chars.length; i += size) pieces.push(filter.push(chars.slice(i, i + size).join('')))
  pieces.push(filter.flush())
  return { out: pieces.join(''), pieces }
}

const cases: Array<[name: string, input: string, expected: string]> = [
  ['tag at the start', '[happy] Hello there.', 'Hello there.'],
  ['tags between sentences', 'Oh no. [sad] That hurts. [joy] Better!', 'Oh no. That hurts. Better!'],
  ['tag without a following space', '[neutral]Fine.', 'Fine.'],
  ['case-insensitive tags', '[Happy] Hi', 'Hi'],
  ['unknown words stay', 'Press [Enter] or [x] to go.', 'Press [Enter] or [x] to go.'],
  ['footnotes stay', 'A fact.[1] More.', 'A fact.[1] More.'],
  ['links stay even with an emotion word', 'Click [happy](https://x.y) now', 'Click [happy](https://x.y) now'],
  ['brackets in inline code stay', 'Use `[happy]` literally', 'Use `[happy]` literally'],
  ['brackets in fenced code stay', '```\nx = [sad]\n```\n[sad] Done', '```\nx = [sad]\n```\nDone'],
  ['an unclosed bracket at the end is shown', 'Trailing [hap', 'Trailing [hap'],
  ['a tag at the very end vanishes', 'Bye [happy]', 'Bye '],
  ['nested opening brackets', '[[happy] ok', '[ ok'],
]

describe('EmotionTagFilter', () => {
  for (const [name, input, expected] of cases) {
    it(`${name} (by 1, 2, 5 and whole)`, () => {
      for (const size of [1, 2, 5, input.length]) expect(shown(input, size).out).toBe(expected)
    })
  }

  it('holds a partial tag back until it closes, then releases non-tags at once', () => {
    const filter = new EmotionTagFilter()
    expect(filter.push('Hi [ha')).toBe('Hi ')
    expect(filter.push('ppy')).toBe('')
    expect(filter.push('] you')).toBe('you')
    expect(filter.push(' [see')).toBe(' ')
    expect(filter.push(' this]')).toBe('[see this]')
  })

  it('knows extra emotions from an avatar config', () => {
    const filter = new EmotionTagFilter(emotionSet(['smug']))
    expect(shown('[smug] Heh', 3, filter).out).toBe('Heh')
  })
})

describe('extractEmotionTags', () => {
  it('returns the first emotion and strips all tags outside code', () => {
    expect(extractEmotionTags('[sad] a [happy] b `[angry]`', emotionSet())).toEqual({
      text: 'a b `[angry]`',
      emotion: 'sad',
    })
    expect(extractEmotionTags('no tags [1]', emotionSet())).toEqual({ text: 'no tags [1]', emotion: undefined })
  })
})
