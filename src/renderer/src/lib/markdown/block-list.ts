/**
 * Puts a `MarkdownStream`'s output into a container element: one element per block, closed ones
 * appended once and never touched again, the open block last and rewritten only when its HTML
 * changed. Inserting only new nodes keeps each frame's work (parse, style, layout) to what changed,
 * where a framework diffing a list of every block's HTML would walk the whole answer per frame.
 */
import type { SafeHtml } from './sanitize'
import type { StreamUpdate } from './stream'

export class BlockList {
  private closedCount = 0
  private openElement: HTMLElement | undefined
  private openHtml = ''

  /** `inserted` sees each block element whose content was (re)written, e.g. to restore state in it. */
  constructor(
    private readonly container: HTMLElement,
    private readonly inserted: (block: HTMLElement) => void = () => undefined,
  ) {}

  apply(update: StreamUpdate): void {
    for (; this.closedCount > update.keep; this.closedCount--) this.container.children[this.closedCount - 1]?.remove()
    if (update.closed.length) {
      const fragment = this.container.ownerDocument.createDocumentFragment()
      for (const html of update.closed) fragment.append(this.block(html))
      this.container.insertBefore(fragment, this.openElement ?? null)
      this.closedCount += update.closed.length
    }
    this.showOpen(update.open)
  }

  private showOpen(html: SafeHtml): void {
    if (html === this.openHtml) return
    this.openHtml = html
    if (html === '') {
      this.openElement?.remove()
      this.openElement = undefined
    } else if (this.openElement) {
      this.openElement.innerHTML = html
      this.inserted(this.openElement)
    } else {
      this.openElement = this.block(html)
      this.container.append(this.openElement)
    }
  }

  private block(html: SafeHtml): HTMLElement {
    const element = this.container.ownerDocument.createElement('div')
    element.className = 'md__block'
    element.innerHTML = html
    this.inserted(element)
    return element
  }
}
