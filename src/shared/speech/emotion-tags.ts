/**
 * Emotion tags such as `[happy]` that a brain writes at sentence starts. They drive the avatar's
 * expression and are never shown or spoken. Only known emotion words count as tags, so `[x]`
 * task boxes, `[1]` footnotes and `[text](url)` links stay untouched.
 */

export const DEFAULT_EMOTIONS: readonly string[] = [
  'neutral', 'happy', 'joy', 'excited', 'love', 'calm', 'relaxed', 'smirk', 'wink', 'laugh',
  'sad', 'sadness', 'worried', 'shy', 'embarrassed', 'confused', 'thinking',
  'angry', 'anger', 'disgust', 'disgusted', 'fear', 'afraid', 'scared',
  'surprise', 'surprised',
]

/** The longest `[word]` considered while holding text back (brackets included). */
const MAX_TAG_LENGTH = 24
const TAG_WORD = /^[a-z][a-z_-]*$/i

export type EmotionSet = ReadonlySet<string>

export function emotionSet(extra: Iterable<string> = []): EmotionSet {
  return new Set([...DEFAULT_EMOTIONS, ...extra].map((e) => e.toLowerCase()))
}

/** `[happy]` → `happy` when it is a known emotion. */
export function emotionOfTag(tag: string, emotions: EmotionSet): string | undefined {
  if (!tag.startsWith('[') || !tag.endsWith(']')) return undefined
  const word = tag.slice(1, -1)
  return TAG_WORD.test(word) && emotions.has(word.toLowerCase()) ? word.toLowerCase() : undefined
}

/**
 * Removes every known tag outside inline code from one piece of text and returns the first
 * emotion found. A tag followed by `(` is link text and is kept.
 */
export function extractEmotionTags(text: string, emotions: EmotionSet): { text: string; emotion: string | undefined } {
  let emotion: string | undefined
  const parts = text.split(/(`[^`]*`)/)
  const cleaned = parts.map((part) => {
    if (part.startsWith('`')) return part
    return part.replace(/\[([a-z][a-z_-]*)\](?!\()[ \t]?/gi, (whole, word: string) => {
      const found = emotionOfTag(`[${word}]`, emotions)
      if (!found) return whole
      emotion ??= found
      return ''
    })
  })
  return { text: cleaned.join(''), emotion }
}

/**
 * Strips emotion tags from streamed text token by token, for the text that is SHOWN. A `[` that
 * may open a tag is held back until the tag closes (or cannot be one), so a tag split across
 * tokens never flashes on screen. Code (fenced blocks, inline spans) is left alone.
 */
export class EmotionTagFilter {
  private readonly emotions: EmotionSet
  private held = ''
  /** A complete known tag waits for one more character: `(` would make it link text. */
  private closedTag = false
  private line = ''
  private inFence = false
  private inInlineCode = false
  private lastOut = ''

  constructor(emotions: EmotionSet = emotionSet()) {
    this.emotions = emotions
  }

  /** Feeds a token; returns the text to show now (possibly empty). */
  push(token: string): string {
    let out = ''
    for (const ch of token) out += this.step(ch)
    return out
  }

  /** Ends the stream: returns whatever is still held back. */
  flush(): string {
    if (this.closedTag) {
      this.held = ''
      this.closedTag = false
      return ''
    }
    return this.release()
  }

  private step(ch: string): string {
    if (this.closedTag) {
      this.closedTag = false
      if (ch === '(') return this.release() + this.emit(ch)
      this.held = ''
      // Drop the space after a tag that started a line or followed a space: no double spaces.
      if ((ch === ' ' || ch === '\t') && (this.lastOut === '' || /\s/.test(this.lastOut))) return ''
      return this.step(ch)
    }
    if (this.held) {
      this.held += ch
      if (ch === ']') {
        if (emotionOfTag(this.held, this.emotions)) {
          this.closedTag = true
          return ''
        }
        return this.release()
      }
      if (!/[a-z_-]/i.test(ch) || this.held.length >= MAX_TAG_LENGTH) {
        // Not a tag: show what was held. A new `[` may open the next candidate.
        const last = this.held.slice(0, -1)
        this.held = ''
        return this.emitAll(last) + this.step(ch)
      }
      return ''
    }
    if (ch === '[' && !this.inFence && !this.inInlineCode) {
      this.held = ch
      return ''
    }
    return this.emit(ch)
  }

  private release(): string {
    const text = this.held
    this.held = ''
    return this.emitAll(text)
  }

  private emitAll(text: string): string {
    let out = ''
    for (const ch of text) out += this.emit(ch)
    return out
  }

  private emit(ch: string): string {
    if (ch === '\n') {
      if (/^\s*(```|~~~)/.test(this.line)) this.inFence = !this.inFence
      this.line = ''
      this.inInlineCode = false
    } else {
      this.line += ch
      if (ch === '`' && !this.inFence) this.inInlineCode = !this.inInlineCode
    }
    this.lastOut = ch
    return ch
  }
}
