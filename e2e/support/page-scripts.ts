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
 * Starts recording what the avatar showed, caption by caption: `window.__avatarLog`, one moment per distinct
 * (caption, state, expression, reaction), each with the widest mouth, the tallest mouth against the body and
 * the lowest and the last expression weight seen while it lasted. A short sentence can come and go between two polls on a
 * loaded machine; a recording cannot miss it.
 */
export const RECORD_AVATAR = `(() => {
  const read = () => {
    const avatar = document.querySelector('[data-mouth][data-expression]')
    const part = (name) => avatar?.querySelector('[data-part="' + name + '"]')
    const mouth = part('mouth'), body = part('body')
    return {
      caption: document.querySelector('[data-caption]')?.textContent?.trim() ?? '',
      state: avatar?.getAttribute('data-state') ?? '',
      expression: avatar?.getAttribute('data-expression') ?? '',
      reaction: avatar?.getAttribute('data-reaction') ?? '',
      widestMouth: Number(avatar?.getAttribute('data-mouth') ?? 0),
      mouthToBody: mouth && body ? mouth.getBBox().height / body.getBBox().height : 0,
      minWeight: Number(avatar?.getAttribute('data-weight') ?? 1),
      weight: Number(avatar?.getAttribute('data-weight') ?? 1),
    }
  }
  const log = (window.__avatarLog = [])
  const note = () => {
    const now = read()
    const last = log.at(-1)
    const same = last && ['caption', 'state', 'expression', 'reaction'].every((key) => last[key] === now[key])
    if (!same) return void log.push(now)
    last.widestMouth = Math.max(last.widestMouth, now.widestMouth)
    last.mouthToBody = Math.max(last.mouthToBody, now.mouthToBody)
    last.minWeight = Math.min(last.minWeight, now.minWeight)
    last.weight = now.weight
  }
  const start = () => {
    note()
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-expression', 'data-reaction', 'data-weight', 'data-mouth'],
    })
  }
  // As an init script (see LaunchOptions.recordAvatar) it runs before there is a body.
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start, { once: true })
})()`

export const AVATAR_LOG = 'window.__avatarLog'

/**
 * Starts recording every distinct text the first element matching `selector` shows from now on:
 * `window.__texts`. A status that comes and goes between two looks on a loaded machine is still seen.
 */
export const recordTexts = (selector: string): string => `(() => {
  const text = () => document.querySelector(${JSON.stringify(selector)})?.textContent?.trim() ?? ''
  const seen = (window.__texts = [])
  const note = () => {
    const now = text()
    if (now && seen.at(-1) !== now) seen.push(now)
  }
  note()
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true })
})()`

export const RECORDED_TEXTS = 'window.__texts'
