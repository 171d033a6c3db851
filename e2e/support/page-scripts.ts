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

/**
 * Starts recording the caption on screen now and every different one after it: `window.__captions`.
 * A check of what was spoken between two moments cannot miss a sentence the way a poll could.
 */
export const RECORD_CAPTIONS = `(() => {
  const text = () => document.querySelector('[data-caption]')?.textContent?.trim()
  window.__captions = text() ? [text()] : []
  new MutationObserver(() => {
    const now = text()
    if (now && window.__captions.at(-1) !== now) window.__captions.push(now)
  }).observe(document.body, { subtree: true, childList: true, characterData: true })
})()`

export const RECORDED_CAPTIONS = 'window.__captions'

/**
 * Given the avatar element (`locator.evaluate`), starts recording the widest its mouth (`data-mouth`) opens
 * from now on: `window.__widestMouth`.
 */
export const RECORD_WIDEST_MOUTH = `(avatar) => {
  window.__widestMouth = 0
  new MutationObserver(() => {
    window.__widestMouth = Math.max(window.__widestMouth, Number(avatar.getAttribute('data-mouth')))
  }).observe(avatar, { attributes: true, attributeFilter: ['data-mouth'] })
}`

export const WIDEST_MOUTH = 'window.__widestMouth'
