import type { Directive } from 'vue'
import type { SafeHtml } from '../../lib/markdown'

/**
 * `v-safe-html`: like `v-html`, but its type admits only `sanitizeHtml` output, so unsanitized text
 * cannot reach the DOM this way by mistake. Writes only when the HTML changed.
 */
export const vSafeHtml: Directive<HTMLElement, SafeHtml> = {
  mounted(el, { value }) {
    el.innerHTML = value
  },
  updated(el, { value, oldValue }) {
    if (value !== oldValue) el.innerHTML = value
  },
}
