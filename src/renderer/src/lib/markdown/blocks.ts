/**
 * Where a streamed markdown text can be cut: the prefix made of top-level blocks that are already
 * closed. In CommonMark a block is closed for good once a later block has started on a complete
 * line (closed blocks never reopen), so that prefix renders the same however the text goes on.
 */
import type { Token } from 'markdown-it'
import { markdown } from './parser'

/** Top-level block starts of `src` (block structure only: no inline parsing), as line numbers. */
function blockStartLines(src: string): number[] {
  const tokens: Token[] = []
  markdown.block.parse(src, markdown, {}, tokens)
  return tokens.filter((t) => t.level === 0 && t.nesting !== -1 && t.map !== null).map((t) => t.map?.[0] ?? 0)
}

function offsetOfLine(src: string, line: number): number {
  let offset = 0
  for (let i = 0; i < line; i++) {
    const next = src.indexOf('\n', offset)
    if (next === -1) return src.length
    offset = next + 1
  }
  return offset
}

/**
 * The length of the longest prefix of `src` made of closed top-level blocks (0 when there is none):
 * everything before the start of the last block seen on complete lines. A half-written last line
 * is never trusted, since its next characters can change what it is (`#` vs `#tag`).
 */
export function closedPrefixLength(src: string): number {
  const complete = src.lastIndexOf('\n') + 1
  if (complete === 0) return 0
  const starts = blockStartLines(src.slice(0, complete))
  const last = starts.at(-1)
  return starts.length < 2 || last === undefined ? 0 : offsetOfLine(src, last)
}
