/**
 * Finds a sentence in rendered text: whitespace may differ (line breaks, paragraphs) and the
 * sentence may still carry markdown marks the page shows as formatting (`**`, `_`, a link's
 * address). Returns a Range over the matching text nodes, or undefined.
 */
interface Mapped {
  text: string
  /** For each character of `text`: its node and offset. */
  at: { node: Text; offset: number }[]
}

/** The element's text with every run of whitespace read as one space. */
function mapText(root: Node): Mapped {
  const walker = root.ownerDocument?.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const mapped: Mapped = { text: '', at: [] }
  let space = true
  for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
    const text = node as Text
    for (let i = 0; i < text.data.length; i++) {
      const blank = /\s/.test(text.data[i] ?? '')
      if (blank && space) continue
      mapped.text += blank ? ' ' : text.data[i]
      mapped.at.push({ node: text, offset: i })
      space = blank
    }
  }
  return mapped
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()
/** The sentence as the page shows it: `[words](url)` → `words`, emphasis and code marks dropped. */
const unmark = (text: string): string => squash(text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`~#>]/g, ''))

/** The first match of `sentence` at or after `from` (a character index of the squashed text), else the first anywhere. */
export function findSentence(root: Node, sentence: string, from = 0): { range: Range; start: number; end: number } | undefined {
  const mapped = mapText(root)
  for (const needle of new Set([squash(sentence), unmark(sentence)])) {
    if (!needle) continue
    let index = mapped.text.indexOf(needle, from)
    if (index < 0) index = mapped.text.indexOf(needle)
    const first = mapped.at[index]
    const last = mapped.at[index + needle.length - 1]
    if (index < 0 || !first || !last) continue
    const range = (root.ownerDocument ?? document).createRange()
    range.setStart(first.node, first.offset)
    range.setEnd(last.node, last.offset + 1)
    return { range, start: index, end: index + needle.length }
  }
  return undefined
}
