/**
 * Copy buttons on an answer's code blocks. They are DOM nodes added after the markdown was
 * rendered and sanitized (never HTML through the sanitizer), around each `pre` it let through.
 */
import { copyText } from '../clipboard'

const WRAP_CLASS = 'md-code'
const BUTTON_CLASS = 'md-copy'
/** How long "Copied" shows before the button reads "Copy" again. */
const FEEDBACK_MS = 1600

export interface CopyWords {
  /** The button's text ("Copy"), its name for screen readers ("Copy code"), and the outcomes. */
  copy: string
  name: string
  copied: string
  failed: string
}

/** Gives each code block of `root` its copy button (once). */
export function addCopyButtons(root: HTMLElement, words: CopyWords): void {
  for (const pre of root.querySelectorAll('pre')) {
    if (pre.parentElement?.classList.contains(WRAP_CLASS)) continue
    const wrap = document.createElement('div')
    wrap.className = WRAP_CLASS
    pre.replaceWith(wrap)
    const button = document.createElement('button')
    button.type = 'button'
    button.className = BUTTON_CLASS
    wrap.append(pre, button)
    label(button, words)
  }
}

/** The buttons in the reader's language again (the language changed). */
export function relabelCopyButtons(root: HTMLElement, words: CopyWords): void {
  for (const button of root.querySelectorAll<HTMLElement>(`.${BUTTON_CLASS}`)) label(button, words)
}

function label(button: HTMLElement, words: CopyWords): void {
  button.textContent = words.copy
  button.setAttribute('aria-label', words.name)
}

/** A click on a copy button copies its block's code and says how it went; false for any other click. */
export function copyOnClick(target: Element, words: CopyWords): boolean {
  const button = target.closest<HTMLElement>(`.${BUTTON_CLASS}`)
  const code = button?.closest(`.${WRAP_CLASS}`)?.querySelector('pre')?.textContent
  if (!button || code == null) return false
  void copyText(code).then((ok) => {
    const said = ok ? words.copied : words.failed
    button.textContent = said
    button.setAttribute('aria-label', said)
    button.dataset.copied = String(ok)
    setTimeout(() => {
      delete button.dataset.copied
      label(button, words)
    }, FEEDBACK_MS)
  })
  return true
}
