/**
 * Incremental rendering of a streamed answer: closed blocks are rendered (parsed + sanitized) once
 * and kept; only the open last block is rendered again as text arrives. The caller feeds it the
 * whole text so far, once per animation frame (the chat store batches tokens per frame), and the
 * final text at the end: when that only extends what was streamed (the usual case), nothing
 * rendered is thrown away; when it differs, only the blocks from the first difference on are.
 * With a time budget, closed blocks render a slice per call (a flood of text, or a long answer
 * arriving whole, never blocks a frame); the caller calls `next()` on later frames until done.
 */
import { blockCuts } from './blocks'
import { renderMarkdown } from './render'
import type { SafeHtml } from './sanitize'

export interface StreamUpdate {
  /** How many blocks from earlier updates still hold: the caller drops the ones after them. */
  keep: number
  /** HTML of blocks rendered since the last update (a few short ones may share an entry), to append after the kept ones. */
  closed: SafeHtml[]
  /** HTML of the open last block, replacing the previous one ('' while none is shown). */
  open: SafeHtml
  /** Closed blocks are still waiting for their turn: call `next()` (on the next frame). */
  pending: boolean
}

export interface StreamOptions {
  render?: (src: string) => SafeHtml
  /** Rendering stops taking closed blocks once this much time went by (at least one per call). */
  budgetMs?: number
  /** Closed blocks render together up to this many characters (each render has a fixed cost). */
  chunkChars?: number
  now?: () => number
}

const EMPTY = '' as SafeHtml

/** Where the texts first differ (the length of their common prefix). */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length)
  let i = 0
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return i
}

export class MarkdownStream {
  private source = ''
  private final = false
  /** Where each rendered entry (one block or a few) ends in `source`; each starts where the one before ends. */
  private readonly ends: number[] = []
  /** Ends of closed blocks found but not rendered yet, in order. */
  private queue: number[] = []
  private openSource: string | undefined
  private openHtml = EMPTY
  private readonly render: (src: string) => SafeHtml
  private readonly budgetMs: number
  private readonly chunkChars: number
  private readonly now: () => number

  constructor(options: StreamOptions = {}) {
    this.render = options.render ?? renderMarkdown
    this.budgetMs = options.budgetMs ?? Infinity
    this.chunkChars = options.chunkChars ?? 2000
    this.now = options.now ?? (() => performance.now())
  }

  /** The text so far; `final` once it is the whole answer (then every block is closed). Then renders. */
  update(text: string, final = false): StreamUpdate {
    this.set(text, final)
    return this.next()
  }

  /** Takes the text without rendering yet (a frame already set to render will pick it up). */
  set(text: string, final = false): void {
    if (text === this.source && final === this.final) return
    const common = commonPrefix(this.source, text)
    if (common < this.source.length || this.final) this.invalidate(text, common)
    this.source = text
    this.final = final
    this.discover()
  }

  /** Renders what is waiting, within the budget. */
  next(): StreamUpdate {
    const keep = this.ends.length
    const deadline = this.now() + this.budgetMs
    const closed: SafeHtml[] = []
    let start = this.ends.at(-1) ?? 0
    let taken = 0
    while (taken < this.queue.length) {
      taken = this.chunkEnd(start, taken)
      const end = this.queue[taken - 1] ?? start
      closed.push(this.render(this.source.slice(start, end)))
      this.ends.push(end)
      start = end
      if (this.now() >= deadline) break
    }
    this.queue = this.queue.slice(taken)
    const pending = this.queue.length > 0
    return { keep, closed, open: pending || this.final ? EMPTY : this.renderOpen(this.source.slice(start)), pending }
  }

  /** Where the entry starting at `start` ends in the queue: one block, and more while they fit in `chunkChars`. */
  private chunkEnd(start: number, from: number): number {
    let index = from + 1
    while (index < this.queue.length && (this.queue[index] ?? Infinity) - start <= this.chunkChars) index++
    return index
  }

  /**
   * Drops what the new text no longer supports. A block still holds when the line after it (the
   * one that closed it) is complete and unchanged: CommonMark never reopens a closed block.
   */
  private invalidate(text: string, common: number): void {
    let kept = 0
    for (const end of this.ends) {
      const lineEnd = text.indexOf('\n', end)
      if (lineEnd === -1 || lineEnd >= common) break
      kept++
    }
    this.ends.length = kept
    this.queue = []
  }

  /** Finds the closed blocks after the ones rendered or queued. */
  private discover(): void {
    const from = this.queue.at(-1) ?? this.ends.at(-1) ?? 0
    const rest = this.source.slice(from)
    const cuts = blockCuts(rest, this.final)
    if (this.final && rest.trim() !== '') cuts.push(rest.length)
    for (const cut of cuts) this.queue.push(from + cut)
  }

  /** The open block's HTML; rendered again only when its text changed. */
  private renderOpen(src: string): SafeHtml {
    if (src !== this.openSource) {
      this.openSource = src
      this.openHtml = this.render(src)
    }
    return this.openHtml
  }
}
