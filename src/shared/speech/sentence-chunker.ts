/**
 * Cuts streamed chat text into speakable sentences while tokens still arrive, so speech can
 * start long before the answer ends. Used by the companion server (`tts_ready_chunk`) and by the
 * renderer when it has to chunk by itself.
 *
 * Sentences end at . ! ? … 。 ！ ？ and at line breaks, but not inside "3.14", "example.com",
 * "e.g. this", "Dr. Smith", "J. R. R. Tolkien" or a "1. " list marker; an ellipsis followed by a
 * lowercase word does not end one either. Fenced code blocks are not spoken at all (a voice
 * reading code helps nobody, and the code is on screen). Markdown and emoji are stripped from the
 * spoken text; `[happy]`-style tags become the chunk's `emotion`.
 */
import { emotionSet, extractEmotionTags, type EmotionSet } from './emotion-tags'
import { toSpeakable } from './speakable'

export interface SpeechChunk {
  text: string
  /** From an emotion tag in (or just before) the sentence; `null` when none. */
  emotion: string | null
}

export interface SentenceChunkerOptions {
  /** Extra emotion words (e.g. an avatar's emotion map keys) besides the defaults. */
  emotions?: Iterable<string>
  /** A sentence longer than this is cut at a comma or space, so speech never waits too long. Default 300. */
  maxLength?: number
}

const TERMINATORS = '.!?…'
const CJK_TERMINATORS = '。！？'
const CLOSERS = `"')]}”’»」』）*_`
/** A period after these never ends a sentence. */
const NEVER_ENDS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'capt', 'gen', 'col', 'lt', 'sgt', 'rev', 'hon',
  'gov', 'sen', 'rep', 'messrs', 'mme', 'e.g', 'i.e', 'vs', 'cf', 'approx', 'incl', 'viz', 'ca', 'fig', 'figs',
  'vol', 'dept',
])
/** These end a sentence only when a capital letter follows ("…, etc. Then"). */
const MAYBE_ENDS = new Set(['etc', 'al', 'inc', 'ltd', 'co', 'corp', 'llc'])

type Decision = 'cut' | 'no' | 'more'
interface Cut {
  end: number
  /** Code-block lines are consumed without being spoken. */
  drop?: boolean
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch)

export class SentenceChunker {
  private readonly emotions: EmotionSet
  private readonly maxLength: number
  private buffer = ''
  /** `buffer` begins at the start of a line. */
  private lineStart = true
  private inFence = false
  /** An emotion tag with nothing to say yet (e.g. `[happy]` alone on a line) waits for the next sentence. */
  private pendingEmotion: string | undefined
  /**
   * Where the next scan of `buffer` resumes, and whether that is inside inline code: everything
   * before it was already found to end no sentence, and appending text cannot change that. So each
   * token costs its own length, not the whole sentence's again.
   */
  private scanFrom = 0
  private scanInCode = false

  constructor(options: SentenceChunkerOptions = {}) {
    this.emotions = emotionSet(options.emotions)
    this.maxLength = Math.max(20, options.maxLength ?? 300)
  }

  /** Feeds a token; returns the sentences it completed (often none). */
  push(token: string): SpeechChunk[] {
    this.buffer += token
    return this.drain(false)
  }

  /** Ends the stream: returns the rest as sentences and resets for the next stream. */
  flush(): SpeechChunk[] {
    const chunks = this.drain(true)
    if (this.buffer && !this.inFence) this.emit(this.buffer, chunks)
    this.setBuffer('')
    this.lineStart = true
    this.inFence = false
    this.pendingEmotion = undefined
    return chunks
  }

  private drain(final: boolean): SpeechChunk[] {
    const chunks: SpeechChunk[] = []
    for (let cut = this.nextCut(final); cut; cut = this.nextCut(final)) {
      const piece = this.buffer.slice(0, cut.end)
      if (!cut.drop) this.emit(piece, chunks)
      this.setBuffer(this.buffer.slice(cut.end))
      this.lineStart = piece.endsWith('\n')
    }
    return chunks
  }

  /** Replaces the buffer (after a cut): it is scanned from its start again. */
  private setBuffer(text: string): void {
    this.buffer = text
    this.scanFrom = 0
    this.scanInCode = false
  }

  private emit(piece: string, into: SpeechChunk[]): void {
    const { text, emotion } = extractEmotionTags(piece, this.emotions)
    const spoken = toSpeakable(text, { lineStart: this.lineStart })
    if (!spoken) {
      if (emotion) this.pendingEmotion = emotion
      return
    }
    into.push({ text: spoken, emotion: emotion ?? this.pendingEmotion ?? null })
    this.pendingEmotion = undefined
  }

  private nextCut(final: boolean): Cut | undefined {
    const buf = this.buffer
    if (!buf) return undefined
    if (this.inFence) {
      const line = this.wholeLine(final)
      if (line && /^[ \t]*(```|~~~)/.test(buf)) this.inFence = false
      return line && { ...line, drop: true }
    }
    if (this.lineStart) {
      if (/^[ \t]*(```|~~~)/.test(buf)) {
        const line = this.wholeLine(final)
        if (line) this.inFence = buf[line.end - 1] === '\n'
        return line && { ...line, drop: true }
      }
      // Could still become a fence.
      if (!final && /^[ \t]*(`{1,2}|~{1,2})$/.test(buf)) return undefined
      // Table rows are spoken a row at a time; their cells may hold anything.
      if (/^[ \t]*\|/.test(buf)) return this.wholeLine(final)
    }
    return this.scan(final)
  }

  /** The buffer's first line, once it is complete (or the stream ends). */
  private wholeLine(final: boolean): Cut | undefined {
    const newline = this.buffer.indexOf('\n')
    return newline >= 0 ? { end: newline + 1 } : final ? { end: this.buffer.length } : undefined
  }

  /** Looks for a sentence end from where the last scan stopped (see `scanFrom`). */
  private scan(final: boolean): Cut | undefined {
    const buf = this.buffer
    let inCode = this.scanInCode
    for (let i = this.scanFrom; i < buf.length; i++) {
      const ch = buf[i] as string
      if (ch === '\n') return { end: i + 1 }
      if (ch === '`') inCode = !inCode
      if (inCode) continue
      const cjk = CJK_TERMINATORS.includes(ch)
      if (!cjk && !TERMINATORS.includes(ch)) continue
      let j = i + 1
      while (j < buf.length && (TERMINATORS + CJK_TERMINATORS).includes(buf[j] as string)) j++
      let k = j
      while (k < buf.length && CLOSERS.includes(buf[k] as string)) k++
      if (k >= buf.length) return final ? { end: k } : this.scanStop(i, false)
      const next = buf[k]
      if (!cjk && !isSpace(next) && next !== '[') {
        i = j - 1
        continue
      }
      const decision = cjk ? 'cut' : this.decide(i, j, k, final)
      if (decision === 'cut') return { end: k }
      if (decision === 'more') return this.scanStop(i, false)
      i = j - 1
    }
    this.scanStop(buf.length, inCode)
    return this.forcedCut()
  }

  /** Nothing is decided from `at` on (it waits for more text): the next scan starts there. */
  private scanStop(at: number, inCode: boolean): undefined {
    this.scanFrom = at
    this.scanInCode = inCode
    return undefined
  }

  /** Does the terminator run `buffer[i, j)` (closers up to `k`, then a space) end the sentence? */
  private decide(i: number, j: number, k: number, final: boolean): Decision {
    const buf = this.buffer
    const run = buf.slice(i, j)
    const ellipsis = /\.\.|…/.test(run)
    let capitalNeeded = false
    if (run === '.') {
      const word = /([\p{L}\p{N}][\p{L}\p{N}.'-]*)$/u.exec(buf.slice(0, i))?.[1] ?? ''
      const lower = word.toLowerCase()
      // A lone capital is an initial ("J. R. R. Tolkien"), except the word "I".
      if (NEVER_ENDS.has(lower) || (/^\p{Lu}$/u.test(word) && word !== 'I')) return 'no'
      // "1. " opening a line is an ordered-list marker.
      if (/^\d{1,3}$/.test(word) && this.lineStart && buf.slice(0, i - word.length).trim() === '') return 'no'
      // Dotted abbreviations ("U.S.", "p.m.") end a sentence only before a capital.
      capitalNeeded = MAYBE_ENDS.has(lower) || /^(\p{L}\.)+\p{L}$/u.test(word)
    }
    if (!ellipsis && !capitalNeeded) return 'cut'
    let n = k
    while (n < buf.length && (buf[n] === ' ' || buf[n] === '\t')) n++
    if (n >= buf.length) return final ? 'cut' : 'more'
    const next = buf[n] as string
    if (next === '\n' || next === '[') return 'cut'
    if (capitalNeeded) return /\p{Lu}/u.test(next) ? 'cut' : 'no'
    return /\p{Ll}/u.test(next) ? 'no' : 'cut'
  }

  /** No sentence end in sight and the buffer is long: cut at the last comma, else the last space. */
  private forcedCut(): Cut | undefined {
    if (this.buffer.length <= this.maxLength) return undefined
    const head = this.buffer.slice(0, this.maxLength)
    const clause = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(': '))
    if (clause > this.maxLength / 3) return { end: clause + 1 }
    const space = head.lastIndexOf(' ')
    return { end: space > 0 ? space : this.maxLength }
  }
}
