// @vitest-environment jsdom
/** Streaming: the same HTML as one render of the whole, without rendering the whole again per update. */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './render'
import type { SafeHtml } from './sanitize'
import { MarkdownStream } from './stream'

const DOC = [
  '# Trip plan',
  'We leave on **Monday** at 9, see [the map](https://example.com/map).',
  '## Packing\n\n- boots\n- a map\n- water',
  '1. drive\n2. walk\n3. rest',
  '> Pack light.\n> Really.',
  '```sh\necho hello\n\necho again\n```',
  '| Day | Km |\n|-----|---:|\n| Mon | 12 |\n| Tue | 9 |',
  'That is all. ![view](https://img.example.com/v.jpg)',
].join('\n\n')

/** Feeds `text` in chunks of `size`, the way frames deliver it; returns the assembled HTML. */
function streamIn(text: string, size: number, stream: MarkdownStream): string {
  let closed = ''
  let open = ''
  for (let end = size; end < text.length + size; end += size) {
    const update = stream.update(text.slice(0, end))
    if (update.reset) closed = ''
    closed += update.closed.join('')
    open = update.open
  }
  return closed + open
}

describe('MarkdownStream', () => {
  it.each([5, 17, 64])('streamed in chunks of %i, ends as the whole rendered once', (size) => {
    expect(streamIn(DOC, size, new MarkdownStream())).toBe(renderMarkdown(DOC))
  })

  it('renders each closed block once: total work stays near the text length, not its square', () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} has *some* words in it.`).join('\n\n')
    let renderedChars = 0
    const stream = new MarkdownStream((src) => {
      renderedChars += src.length
      return src as SafeHtml
    })
    streamIn(paragraphs, 8, stream)
    // Re-rendering the whole text per update would cost length² / 16 characters (~60 × this bound).
    expect(renderedChars).toBeLessThan(paragraphs.length * 16)
  })

  it('starts over when the text is replaced rather than extended', () => {
    const stream = new MarkdownStream()
    stream.update('First.\n\nSecond\n')
    const update = stream.update('Other.\n\nText\n')
    expect(update.reset).toBe(true)
    expect(update.closed.join('') + update.open).toBe(renderMarkdown('Other.\n\nText\n'))
  })
})
