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

/** Offsets where the given (ascending) line numbers of `src` begin, in one pass. */
function offsetsOfLines(src: string, lines: number[]): number[] {
  const offsets: number[] = []
  let offset = 0
  let line = 0
  for (const wanted of lines) {
    for (; line < wanted && offset < src.length; line++) {
      const next = src.indexOf('\n', offset)
      offset = next === -1 ? src.length : next + 1
    }
    offsets.push(offset)
  }
  return offsets
}

/**
 * Where `src` splits into top-level blocks: the offset each block after the first starts at
 * (blank lines stay with the block before them). With `final`, the text is complete: every block
 * is closed. Without it, only the complete lines count and the last block there stays open, so
 * every cut returned ends a closed block: a half-written last line is never trusted, since its
 * next characters can change what it is (`#` vs `#tag`).
 */
export function blockCuts(src: string, final = false): number[] {
  const complete = final ? src.length : src.lastIndexOf('\n') + 1
  if (complete === 0) return []
  return offsetsOfLines(src, blockStartLines(src.slice(0, complete)).slice(1))
}

/** The length of the longest prefix of `src` made of closed top-level blocks (0 when there is none). */
export function closedPrefixLength(src: string): number {
  return blockCuts(src).at(-1) ?? 0
}
