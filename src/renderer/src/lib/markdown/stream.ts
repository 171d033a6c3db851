/**
 * Incremental rendering of a streamed answer: closed blocks are rendered (parsed + sanitized) once
 * and kept; only the open last block is rendered again as text arrives. The caller feeds it the
 * whole text so far, once per animation frame (the chat store batches tokens per frame).
 */
import { closedPrefixLength } from './blocks'
import { renderMarkdown } from './render'
import type { SafeHtml } from './sanitize'

export interface StreamUpdate {
  /** True when earlier output no longer holds (the text was replaced): drop every kept block. */
  reset: boolean
  /** HTML of blocks that closed since the last update, to append after the kept ones. */
  closed: SafeHtml[]
  /** HTML of the open last block, replacing the previous one. */
  open: SafeHtml
}

export class MarkdownStream {
  private source = ''
  /** Length of `source` already rendered into closed blocks. */
  private closedLength = 0

  constructor(private readonly render: (src: string) => SafeHtml = renderMarkdown) {}

  update(text: string): StreamUpdate {
    const reset = !text.startsWith(this.source)
    if (reset) this.closedLength = 0
    this.source = text
    const rest = text.slice(this.closedLength)
    const cut = closedPrefixLength(rest)
    const closed = cut > 0 ? [this.render(rest.slice(0, cut))] : []
    this.closedLength += cut
    return { reset, closed, open: this.render(rest.slice(cut)) }
  }
}
