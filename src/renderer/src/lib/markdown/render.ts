import { markdown } from './parser'
import { sanitizeHtml, type SafeHtml } from './sanitize'

/** Markdown → sanitized HTML. */
export function renderMarkdown(src: string): SafeHtml {
  return sanitizeHtml(src.trim() === '' ? '' : markdown.render(src))
}
