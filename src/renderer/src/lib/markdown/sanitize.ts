/**
 * The last gate before the DOM: DOMPurify with a tag and attribute allow-list made for markdown
 * output. No scripts, event handlers, frames, forms or styles; links only http(s)/mailto and never
 * able to reach the opener; images only as data: rasters — a remote image becomes a placeholder
 * button that loads it only when clicked (no tracking pixels, no requests the reader did not ask for).
 */
import DOMPurify from 'dompurify'

const ALLOWED_TAGS = [
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'kbd',
  'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'start', 'class', 'colspan', 'rowspan']

/** Inline images the reader may see at once: raster data only (an SVG could carry script elsewhere). */
export const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i

/** `href` when it is an absolute http(s) URL without credentials, else undefined. */
export function httpUrl(href: string): URL | undefined {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  return url.username || url.password || !url.hostname ? undefined : url
}

let hooked = false
function purifier(): typeof DOMPurify {
  if (hooked) return DOMPurify
  hooked = true
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return
    // Belt and braces: even a click the app fails to catch opens nothing inside the app window.
    node.setAttribute('rel', 'noopener noreferrer')
    node.setAttribute('target', '_blank')
  })
  return DOMPurify
}

/** Attribute name the placeholder keeps the image address in; read by the click handler. */
export const IMAGE_SRC_ATTR = 'data-image-src'
/** The placeholder's words are the reader's language, so the component writes them (`labelImagePlaceholders`). */
export const IMAGE_PLACEHOLDER_SELECTOR = `button.md-image[${IMAGE_SRC_ATTR}]`

function placeholder(doc: Document, url: URL, alt: string): HTMLButtonElement {
  const button = doc.createElement('button')
  button.type = 'button'
  button.className = 'md-image'
  button.setAttribute(IMAGE_SRC_ATTR, url.href)
  button.textContent = url.host
  if (alt) button.title = alt
  return button
}

function replaceImages(root: DocumentFragment): void {
  for (const img of [...root.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? ''
    if (SAFE_DATA_IMAGE.test(src)) continue
    const url = httpUrl(src)
    if (url) img.replaceWith(placeholder(img.ownerDocument, url, img.getAttribute('alt') ?? ''))
    else img.replaceWith(img.ownerDocument.createTextNode(img.getAttribute('alt') ?? ''))
  }
}

/** HTML that went through `sanitizeHtml`: the only kind the log inserts into the DOM. */
export type SafeHtml = string & { readonly __brand: 'SafeHtml' }

/** Safe HTML: everything not on the allow-lists is gone. */
export function sanitizeHtml(html: string): SafeHtml {
  const fragment = purifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  })
  replaceImages(fragment)
  const holder = fragment.ownerDocument.createElement('div')
  holder.append(fragment)
  return holder.innerHTML as SafeHtml
}
