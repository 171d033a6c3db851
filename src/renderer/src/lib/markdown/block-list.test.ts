// @vitest-environment jsdom
/** The blocks on screen: kept nodes stay the same nodes, so the final text costs no re-render. */
import { describe, expect, it } from 'vitest'
import { BlockList } from './block-list'
import { renderMarkdown } from './render'
import { MarkdownStream } from './stream'

const TEXT = ['# Notes', 'First *point*.', '- a\n- b', '```\ncode\n```', 'Last words here.\n'].join('\n\n')

function setup(): { container: HTMLElement; stream: MarkdownStream; list: BlockList; inserted: HTMLElement[] } {
  const container = document.createElement('div')
  const inserted: HTMLElement[] = []
  return { container, stream: new MarkdownStream({ chunkChars: 0 }), list: new BlockList(container, (el) => inserted.push(el)), inserted }
}

const shown = (container: HTMLElement): string => [...container.children].map((el) => el.innerHTML).join('')

describe('BlockList', () => {
  it('streams into one element per block, the open one last', () => {
    const { container, stream, list } = setup()
    for (let end = 7; end < TEXT.length + 7; end += 7) list.apply(stream.update(TEXT.slice(0, end)))
    expect(container.children).toHaveLength(5)
    expect([...container.children].every((el) => el.className === 'md__block')).toBe(true)
    expect(shown(container)).toBe(renderMarkdown(TEXT))
  })

  it('a final text equal to the streamed one keeps every node: no reset', () => {
    const { container, stream, list, inserted } = setup()
    for (let end = 7; end < TEXT.length + 7; end += 7) list.apply(stream.update(TEXT.slice(0, end)))
    const before = [...container.children]
    const writes = inserted.length
    list.apply(stream.update(TEXT, true))
    // The closed blocks are the very same nodes; only the last (open) block was written once more.
    for (let i = 0; i < 4; i++) expect(container.children[i]).toBe(before[i])
    expect(container.children).toHaveLength(5)
    expect(inserted.length - writes).toBe(1)
    expect(shown(container)).toBe(renderMarkdown(TEXT))
  })

  it('a final text that differs replaces only the blocks from the difference on', () => {
    const { container, stream, list } = setup()
    list.apply(stream.update(TEXT))
    const before = [...container.children]
    const changed = TEXT.replace('- b', '- c')
    list.apply(stream.update(changed, true))
    // Title and first paragraph hold (the list's first line is unchanged, so the paragraph stays closed).
    expect(container.children[0]).toBe(before[0])
    expect(container.children[1]).toBe(before[1])
    expect(container.children[2]).not.toBe(before[2])
    expect(shown(container)).toBe(renderMarkdown(changed))
  })

  it('leaves the open block alone when its HTML did not change', () => {
    const { stream, list, inserted } = setup()
    list.apply(stream.update('Hello'))
    list.apply(stream.update('Hello'))
    expect(inserted).toHaveLength(1)
  })
})
