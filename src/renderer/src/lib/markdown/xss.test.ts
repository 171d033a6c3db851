// @vitest-environment jsdom
/**
 * The XSS corpus through every path into the DOM: nothing executable survives. The corpus
 * (xss-corpus.json) is what a compromised or prompt-injected model could stream; every payload
 * tries to set `window.__xss` or alert. e2e/messages.spec.ts streams the same file into the app.
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './render'
import { SAFE_DATA_IMAGE, sanitizeHtml } from './sanitize'
import { MarkdownStream } from './stream'
import XSS_CORPUS from './xss-corpus.json'

const FORBIDDEN_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'textarea', 'select', 'option',
  'style', 'link', 'meta', 'base', 'svg', 'math', 'video', 'audio', 'source', 'template', 'noscript', 'details', 'body',
])
const URL_ATTRS = new Set(['href', 'src'])

/** Every way the DOM under `root` could run code, load something unasked, or navigate the app. */
function executableContent(root: Element): string[] {
  const problems: string[] = []
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`<${tag}>`)
    if (tag === 'button' && !(el.classList.contains('md-image') && el.getAttribute('type') === 'button')) problems.push('foreign <button>')
    if (tag === 'a' && el.hasAttribute('href') && el.getAttribute('rel') !== 'noopener noreferrer') problems.push('link without rel')
    for (const { name, value } of el.attributes) {
      // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
      const plain = [...value].filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase()
      if (name.startsWith('on')) problems.push(`${tag}[${name}]`)
      if (['style', 'srcdoc', 'action', 'formaction', 'xlink:href', 'data', 'autofocus'].includes(name)) problems.push(`${tag}[${name}]`)
      if (!URL_ATTRS.has(name)) continue
      const dataImage = tag === 'img' && name === 'src' && SAFE_DATA_IMAGE.test(value)
      if (!dataImage && !/^(https?:|mailto:)/.test(plain)) problems.push(`${tag}[${name}=${value}]`)
      if (tag === 'img' && !dataImage) problems.push(`remote image ${value}`)
    }
  }
  return problems
}

/** As the app does it: the sanitized string set with innerHTML (re-parsed, so mutation XSS shows). */
function mount(html: string): HTMLElement {
  const div = document.createElement('div')
  div.innerHTML = html
  return div
}

describe('the XSS corpus', () => {
  it('has at least 30 payloads', () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(30)
  })

  it('the check itself catches executable content', () => {
    expect(executableContent(mount('<img src=x onerror="alert(1)">'))).not.toEqual([])
    expect(executableContent(mount('<a href="javascript:alert(1)">x</a>'))).not.toEqual([])
    expect(executableContent(mount('<p>ok</p><svg></svg>'))).toEqual(['<svg>'])
    expect(executableContent(mount('<a href="https://example.com" rel="noopener noreferrer">x</a>'))).toEqual([])
  })

  it.each(XSS_CORPUS.map((payload, i) => [i, payload]))('payload %i rendered as markdown is inert', (_i, payload) => {
    expect(executableContent(mount(renderMarkdown(payload)))).toEqual([])
  })

  it.each(XSS_CORPUS.map((payload, i) => [i, payload]))('payload %i given to the sanitizer as raw HTML is inert', (_i, payload) => {
    expect(executableContent(mount(sanitizeHtml(payload)))).toEqual([])
  })

  it('the whole corpus streamed in small chunks is inert at every step', () => {
    const text = XSS_CORPUS.join('\n\n')
    const stream = new MarkdownStream()
    const blocks: string[] = []
    let open = ''
    for (let end = 13; end < text.length + 13; end += 13) {
      const update = stream.update(text.slice(0, end))
      // Each piece once as it arrives (the log shows them side by side), then the whole.
      for (const piece of [...update.closed, update.open]) expect(executableContent(mount(piece))).toEqual([])
      blocks.push(...update.closed)
      open = update.open
    }
    expect(executableContent(mount(blocks.join('') + open))).toEqual([])
  })

  it('keeps the text of an escaped payload readable', () => {
    const shown = mount(renderMarkdown('<script>window.__xss=1</script>'))
    expect(shown.querySelector('script')).toBeNull()
    expect(shown.textContent).toContain('<script>window.__xss=1</script>')
  })
})
