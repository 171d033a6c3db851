// @vitest-environment jsdom
/** Streaming: the same HTML as one render of the whole, without rendering the whole again per update. */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './render'
import type { SafeHtml } from './sanitize'
import { MarkdownStream, type StreamUpdate } from './stream'

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

/** What the caller shows: kept blocks, then new ones, then the open block. */
class Shown {
  blocks: string[] = []
  open = ''

  apply(update: StreamUpdate): void {
    this.blocks.length = update.keep
    this.blocks.push(...update.closed)
    this.open = update.open
  }

  get html(): string {
    return this.blocks.join('') + this.open
  }
}

/** Feeds `text` in chunks of `size`, the way frames deliver it; returns the assembled HTML. */
function streamIn(text: string, size: number, stream: MarkdownStream, shown = new Shown()): string {
  for (let end = size; end < text.length + size; end += size) shown.apply(stream.update(text.slice(0, end)))
  return shown.html
}

/** A render function that counts the characters it was given. */
function counting(): { render: (src: string) => SafeHtml; chars: () => number } {
  let chars = 0
  return {
    render: (src) => {
      chars += src.length
      return renderMarkdown(src)
    },
    chars: () => chars,
  }
}

describe('MarkdownStream', () => {
  it.each([5, 17, 64])('streamed in chunks of %i, ends as the whole rendered once', (size) => {
    expect(streamIn(DOC, size, new MarkdownStream())).toBe(renderMarkdown(DOC))
  })

  it('renders each closed block once: total work stays near the text length, not its square', () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} has *some* words in it.`).join('\n\n')
    let renderedChars = 0
    const stream = new MarkdownStream({
      render: (src) => {
        renderedChars += src.length
        return src as SafeHtml
      },
    })
    streamIn(paragraphs, 8, stream)
    // Re-rendering the whole text per update would cost length² / 16 characters (~60 × this bound).
    expect(renderedChars).toBeLessThan(paragraphs.length * 16)
  })

  it('starts over when the text is replaced rather than extended', () => {
    const stream = new MarkdownStream()
    stream.update('First.\n\nSecond\n')
    const update = stream.update('Other.\n\nText\n')
    expect(update.keep).toBe(0)
    expect(update.closed.join('') + update.open).toBe(renderMarkdown('Other.\n\nText\n'))
  })

  it('the final text equal to the streamed one keeps every block and renders only the open one', () => {
    const { render, chars } = counting()
    const stream = new MarkdownStream({ render })
    const shown = new Shown()
    streamIn(DOC, 17, stream, shown)
    const kept = shown.blocks.length
    const before = chars()
    const update = stream.update(DOC, true)
    expect(update.keep).toBe(kept)
    expect(update.pending).toBe(false)
    shown.apply(update)
    expect(shown.html).toBe(renderMarkdown(DOC))
    expect(shown.open).toBe('')
    // Only what was still open is rendered again (the table, whose next line was half-written,
    // and the last paragraph): no reset, no whole-text render.
    expect(chars() - before).toBe(DOC.length - DOC.indexOf('| Day'))
    expect(stream.update(DOC, true)).toEqual({ keep: shown.blocks.length, closed: [], open: '', pending: false })
  })

  it('a final text that extends a cut-off stream renders only the rest', () => {
    const stream = new MarkdownStream()
    const shown = new Shown()
    const cut = DOC.indexOf('## Packing') + 5
    streamIn(DOC.slice(0, cut), 9, stream, shown)
    const kept = shown.blocks.length
    const update = stream.update(DOC, true)
    expect(update.keep).toBe(kept)
    shown.apply(update)
    expect(shown.html).toBe(renderMarkdown(DOC))
  })

  it('a final text that differs renders again only from the first differing block', () => {
    const stream = new MarkdownStream({ chunkChars: 0 })
    const shown = new Shown()
    streamIn(DOC, 64, stream, shown)
    const changed = DOC.replace('1. drive', '1. fly')
    const update = stream.update(changed, true)
    // Title, paragraph and heading hold; the packing list goes too, since the line after it changed.
    expect(update.keep).toBe(3)
    shown.apply(update)
    expect(shown.html).toBe(renderMarkdown(changed))
  })

  it('keeps a block only while the line that closed it is unchanged', () => {
    const stream = new MarkdownStream()
    const shown = new Shown()
    shown.apply(stream.update('Intro\n\nTitle\nmore'))
    expect(shown.blocks).toHaveLength(1)
    // The paragraph becomes a setext heading: the intro holds, the rest renders again.
    const update = stream.update('Intro\n\nTitle\n=====\n', true)
    expect(update.keep).toBe(1)
    shown.apply(update)
    expect(shown.html).toBe(renderMarkdown('Intro\n\nTitle\n=====\n'))
  })

  it('ends as the whole rendered once, whatever the final text changes', () => {
    let seed = 7
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    for (let round = 0; round < 16; round++) {
      const stream = new MarkdownStream({ chunkChars: random(200) })
      const shown = new Shown()
      streamIn(DOC.slice(0, random(DOC.length)), 16 + random(40), stream, shown)
      const at = random(DOC.length)
      const final = DOC.slice(0, at) + ['', 'x', '\n', '# ', '\n\n', '===\n', '|'][random(7)] + DOC.slice(at + random(4))
      shown.apply(stream.update(final, true))
      expect(shown.html).toBe(renderMarkdown(final))
    }
  })

  it('with a time budget, renders a slice of closed blocks per call and holds the open block back meanwhile', () => {
    let clock = 0
    const stream = new MarkdownStream({
      budgetMs: 8,
      chunkChars: 0,
      now: () => clock,
      render: (src) => {
        clock += 3
        return renderMarkdown(src)
      },
    })
    const shown = new Shown()
    let update = stream.update(DOC)
    const calls: number[] = []
    shown.apply(update)
    calls.push(update.closed.length)
    expect(update.pending).toBe(true)
    expect(update.open).toBe('')
    while (update.pending) {
      update = stream.next()
      shown.apply(update)
      calls.push(update.closed.length)
    }
    expect(calls.slice(0, -1).every((n) => n === 3)).toBe(true)
    expect(shown.html).toBe(renderMarkdown(DOC))
    shown.apply(stream.update(DOC, true))
    expect(shown.html).toBe(renderMarkdown(DOC))
  })

  it('renders short closed blocks together, up to the chunk size', () => {
    const sizes: number[] = []
    const stream = new MarkdownStream({
      chunkChars: 80,
      render: (src) => {
        sizes.push(src.length)
        return renderMarkdown(src)
      },
    })
    const shown = new Shown()
    shown.apply(stream.update(DOC, true))
    expect(shown.html).toBe(renderMarkdown(DOC))
    expect(sizes.length).toBeLessThan(8)
    // Only a block longer than a chunk on its own makes a longer entry.
    expect(sizes.filter((n) => n > 80)).toEqual([])
  })
})
