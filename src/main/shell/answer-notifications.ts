/**
 * A desktop notification when an answer finishes while the window is hidden or in the
 * background: the answer's first line, and a click brings the window back. Nothing when the user
 * is looking at the window: the answer is on screen already.
 */
import type { HostEventListener } from '../../shared/host'
import { emotionSet, extractEmotionTags, toSpeakable } from '../../shared/speech'
import type { ShellStrings } from './i18n/strings'

/** Longest notification body; desktops cut long ones anyway, mid-word. */
const MAX_PREVIEW = 140
const EMOTIONS = emotionSet()

/**
 * The first line of an answer worth reading, without markdown or emotion tags, shortened to
 * `max` characters on a word boundary; `undefined` when nothing is left (only code, say).
 */
export function answerPreview(content: string, max = MAX_PREVIEW): string | undefined {
  let inFence = false
  for (const raw of extractEmotionTags(content, EMOTIONS).text.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence
      continue
    }
    if (inFence) continue
    const line = toSpeakable(raw, { lineStart: true })
    if (line) return shorten(line, max)
  }
  return undefined
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  // The cut may fall right before a space: then the last word is whole.
  const space = text[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`
}

export interface AnswerNotice {
  title: string
  body: string
  onClick(): void
}

export interface AnswerNotifierOptions {
  events: { onEvents(listener: HostEventListener): () => void }
  /** True while the window is visible and focused. */
  attentive(): boolean
  notify(notice: AnswerNotice): void
  showWindow(): void
  appName: string
  /** The words in the current language. */
  strings(): ShellStrings
}

/** Starts watching `turn-end` events; returns the stop function. */
export function notifyFinishedAnswers(options: AnswerNotifierOptions): () => void {
  return options.events.onEvents((batch) => {
    for (const event of batch) {
      if (event.type !== 'turn-end' || options.attentive()) continue
      options.notify({
        title: options.appName,
        body: answerPreview(event.content) ?? options.strings().notification.finished(options.appName),
        onClick: () => options.showWindow(),
      })
    }
  })
}
