/** Where a streamed answer may be cut: only after blocks that can no longer change. */
import { describe, expect, it } from 'vitest'
import { closedPrefixLength } from './blocks'

const cutAt = (src: string): string => src.slice(0, closedPrefixLength(src))

describe('closedPrefixLength', () => {
  it('keeps a lone block open, however long', () => {
    expect(closedPrefixLength('Hello there')).toBe(0)
    expect(closedPrefixLength('Hello there\nand more\n')).toBe(0)
    expect(closedPrefixLength('First paragraph.\n\n')).toBe(0)
  })

  it('closes a paragraph once the next block started on a complete line', () => {
    expect(cutAt('One.\n\nTwo\n')).toBe('One.\n\n')
    expect(cutAt('One.\n\nTwo is still com')).toBe('')
    expect(cutAt('# Title\nBody text\n')).toBe('# Title\n')
  })

  it('never trusts a half-written line: "#" may still become "#tag"', () => {
    expect(closedPrefixLength('Intro\n#')).toBe(0)
    expect(cutAt('Intro\n# \n')).toBe('Intro\n')
  })

  it('keeps an unclosed code fence open across blank lines', () => {
    const src = 'Look:\n\n```ts\nconst a = 1\n\nconst b = 2\n'
    expect(cutAt(src)).toBe('Look:\n\n')
    expect(cutAt(`${src}\`\`\`\n\nAfter\n`)).toBe(`${src}\`\`\`\n\n`)
  })

  it('keeps a list open while it may get more items, closes it when a paragraph follows', () => {
    expect(closedPrefixLength('- one\n- two\n\n- three\n')).toBe(0)
    expect(cutAt('- one\n- two\n\nAfter the list\n')).toBe('- one\n- two\n\n')
  })

  it('keeps a paragraph that a table may still claim open, then cuts before the table', () => {
    expect(closedPrefixLength('| a | b |\n')).toBe(0)
    const table = 'Numbers:\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n'
    expect(cutAt(table)).toBe('Numbers:\n\n')
  })

  it('lets a setext underline turn the open paragraph into a heading', () => {
    expect(cutAt('Intro\n\nTitle\n=====\n')).toBe('Intro\n\n')
    expect(cutAt('Intro\n\nTitle\n=====\nBody\n')).toBe('Intro\n\nTitle\n=====\n')
  })
})
