/**
 * The one markdown-it instance: CommonMark + GFM tables and strikethrough, bare URLs linked, raw
 * HTML never passed through (it shows as text). Its output still goes through `sanitizeHtml`.
 */
import MarkdownIt from 'markdown-it'

/** What a link or image may point at; `data:` only for raster images (the sanitizer checks the tag). */
const ALLOWED_URL = /^(?:https?:\/\/|mailto:|data:image\/(?:png|gif|jpeg|webp);)/i

export const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })

// Relative links would resolve against the app itself: only absolute, known schemes survive.
markdown.validateLink = (url) => ALLOWED_URL.test(url.trim())

/** Table cell alignment arrives as `style` attributes, which the sanitizer drops: make it a class. */
markdown.core.ruler.push('align_class', (state) => {
  for (const token of state.tokens) {
    const style = token.attrGet('style')
    if (style === null) continue
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style')
    const align = /text-align:\s*(left|center|right)/.exec(String(style))?.[1]
    if (align) token.attrJoin('class', `md-align-${align}`)
  }
})
