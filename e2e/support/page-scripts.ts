/**
 * Code run inside the page. Written as strings because the e2e files are type-checked with the
 * Node libraries only (adding the DOM library there would leak `window` into the core's checks).
 */

/** Starts counting DOM mutations under the conversation log: `window.__renders`. */
export const COUNT_LOG_RENDERS = `(() => {
  window.__renders = 0
  new MutationObserver((records) => { window.__renders += records.length })
    .observe(document.querySelector('[role="log"]'), { subtree: true, childList: true, characterData: true })
})()`

export const LOG_RENDERS = 'window.__renders'

/** How far the page is wider than the window (0: no horizontal scrolling). */
export const HORIZONTAL_OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth'

export const PREFERS_DARK = 'matchMedia("(prefers-color-scheme: dark)").matches'
