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

/**
 * A microphone that plays `pcm16Base64` (mono 16-bit samples at `sampleRate`, looped from its start
 * each time it is opened) in the app's own AudioContext. Chromium's fake capture device runs in real
 * time in another process: starved on a loaded machine, it leaves gaps that split a sentence. Here the
 * samples come from a buffer in the same audio graph as the detector, so they arrive in audio time,
 * whole, however late the graph runs. The app's one AudioContext is made the only one, so the source
 * and the detector share its clock. `FILE_MIC_OPENED` counts the microphones it opened.
 */
export const fileMicrophone = (pcm16Base64: string, sampleRate: number): string => `(() => {
  const bytes = Uint8Array.from(atob(${JSON.stringify(pcm16Base64)}), (c) => c.charCodeAt(0))
  const pcm = new Int16Array(bytes.buffer, 0, bytes.length >> 1)
  const samples = Float32Array.from(pcm, (v) => v / 32768)
  const Native = window.AudioContext
  let shared
  window.AudioContext = class extends Native {
    constructor(options) {
      if (shared) return shared
      super(options)
      shared = this
    }
  }
  const state = (window.__fileMic = { opened: 0 })
  const devices = navigator.mediaDevices
  const native = devices.getUserMedia.bind(devices)
  devices.getUserMedia = async (constraints) => {
    if (!constraints?.audio) return native(constraints)
    const context = new window.AudioContext({ latencyHint: 'interactive' })
    const buffer = context.createBuffer(1, samples.length, ${sampleRate})
    buffer.copyToChannel(samples, 0)
    const source = context.createBufferSource()
    source.buffer = buffer
    source.loop = true
    const sink = context.createMediaStreamDestination()
    source.connect(sink)
    source.start()
    state.opened++
    const [track] = sink.stream.getAudioTracks()
    const stop = track.stop.bind(track)
    track.stop = () => {
      source.stop()
      source.disconnect()
      stop()
    }
    return sink.stream
  }
})()`

/** How many microphones the `fileMicrophone` opened: more than 0 once it was what the app heard. */
export const FILE_MIC_OPENED = 'window.__fileMic.opened'
