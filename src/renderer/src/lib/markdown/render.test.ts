// @vitest-environment jsdom
/** Markdown as the reader sees it: the usual constructs, safe links, images held back. */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './render'

function dom(src: string): HTMLElement {
  const div = document.createElement('div')
  div.innerHTML = renderMarkdown(src)
  return div
}

describe('renderMarkdown', () => {
  it('renders headings, emphasis, lists, blockquotes and code', () => {
    const el = dom('## Plan\n\nSome **bold**, *italic* and ~~old~~ `code`.\n\n1. one\n2. two\n\n- a\n- b\n\n> quoted\n\n```ts\nconst x = 1\n```\n')
    expect(el.querySelector('h2')?.textContent).toBe('Plan')
    expect(el.querySelector('strong')?.textContent).toBe('bold')
    expect(el.querySelector('em')?.textContent).toBe('italic')
    expect(el.querySelector('s')?.textContent).toBe('old')
    expect(el.querySelectorAll('ol > li')).toHaveLength(2)
    expect(el.querySelectorAll('ul > li')).toHaveLength(2)
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('quoted')
    const code = el.querySelector('pre > code')
    expect(code?.textContent).toBe('const x = 1\n')
    expect(code?.className).toBe('language-ts')
  })

  it('renders tables, with alignment as a class instead of a style', () => {
    const el = dom('| Item | Price |\n|:-----|------:|\n| Tea | 3 |\n')
    expect(el.querySelectorAll('th')).toHaveLength(2)
    expect(el.querySelector('td:last-child')?.className).toBe('md-align-right')
    expect(el.querySelector('[style]')).toBeNull()
  })

  it('keeps single line breaks, as the answer wrote them', () => {
    expect(dom('line one\nline two').querySelector('br')).not.toBeNull()
  })

  it('makes links that cannot reach the opener, including bare URLs', () => {
    const el = dom('See [the docs](https://example.com/docs) or https://example.org.')
    const links = [...el.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/docs', 'https://example.org'])
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer')
      expect(a.getAttribute('target')).toBe('_blank')
    }
  })

  it('leaves relative links as text: they would point into the app', () => {
    const el = dom('[settings](/settings) and [up](../x)')
    expect(el.querySelector('a')).toBeNull()
    expect(el.textContent).toContain('[settings](/settings)')
  })

  it('holds remote images back behind a placeholder, keeps inline raster data', () => {
    const el = dom('![chart](https://img.example.com/c.png) ![dot](data:image/png;base64,iVBORw0KGgo=)')
    const button = el.querySelector('button.md-image')
    expect(button?.textContent).toBe('img.example.com')
    expect(button?.getAttribute('data-image-src')).toBe('https://img.example.com/c.png')
    expect(button?.getAttribute('title')).toBe('chart')
    const imgs = [...el.querySelectorAll('img')]
    expect(imgs.map((i) => i.getAttribute('src'))).toEqual(['data:image/png;base64,iVBORw0KGgo='])
  })

  it('shows raw HTML as text', () => {
    const el = dom('Use <b>bold</b> here')
    expect(el.querySelector('b')).toBeNull()
    expect(el.textContent?.trim()).toBe('Use <b>bold</b> here')
  })

  it('renders nothing for blank text', () => {
    expect(renderMarkdown('  \n ')).toBe('')
  })
})
