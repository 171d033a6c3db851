/**
 * Turns one sentence of (markdown) chat text into what a voice should say: markup, links,
 * table pipes, list bullets and emoji go; the words stay.
 */

// Pictographs, flags, skin tones, joiners, variation selectors and keycaps; kept apart so no class mixes them.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\u200D|[\uFE0E\uFE0F]|\u20E3/gu
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/
const HORIZONTAL_RULE = /^\s*([-*_])(\s*\1){2,}\s*$/
/** A URL without the punctuation that ends the sentence around it. */
const BARE_URL = /\bhttps?:\/\/[^\s<>()[\]]*[^\s<>()[\].,!?;:'"]/gi

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return ''
  }
}

function tableRow(line: string): string {
  if (TABLE_SEPARATOR.test(line)) return ''
  return line
    .split('|')
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '')
    .join(', ')
}

/** Markup that only means something at the start of a line. */
function stripLineMarkup(line: string): string {
  if (HORIZONTAL_RULE.test(line)) return ''
  if (/^\s*\|/.test(line)) return tableRow(line)
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/^\s*(>\s?)+/, '')
    .replace(/^\s*([-*+•]|\d{1,3}[.)])\s+/, '')
    .replace(/^\[[ xX]\]\s+/, '')
}

function stripInlineMarkup(text: string): string {
  return (
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<(https?:\/\/[^>\s]+)>/gi, (_m, url: string) => hostOf(url))
      .replace(BARE_URL, (url) => hostOf(url))
      .replace(/<\/?[a-z][^<>]*>/gi, '')
      .replace(/`+([^`]*)`+/g, '$1')
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
      .replace(/~~([\s\S]*?)~~/g, '$1')
      // Emphasis markers whose partner fell into another sentence.
      .replace(/\*+|~~|`/g, '')
  )
}

export interface SpeakableOptions {
  /** The text starts a line, so line markup (`#`, `-`, `1.`, `>`, `|`) applies. */
  lineStart: boolean
}

/** One sentence as a caption shows it: the words and emoji, without markdown's marks. */
export function toCaption(text: string): string {
  const lines = text.split('\n').map((line) => stripLineMarkup(line))
  return stripInlineMarkup(lines.join(' ')).replace(/\s+/g, ' ').trim()
}

/** The spoken form of one sentence, or `''` when nothing in it is worth saying. */
export function toSpeakable(text: string, options: SpeakableOptions): string {
  const lines = text.split('\n').map((line, i) => (i > 0 || options.lineStart ? stripLineMarkup(line) : line))
  const spoken = stripInlineMarkup(lines.join(' '))
    .replace(EMOJI, '')
    // "Settings → Server": voices read arrows out as "rightwards arrow".
    .replace(/\s*[→⇒➜➔]\s*/g, ', ')
    .replace(/\s+/g, ' ')
    // A stripped emoji or link can leave "job !" behind.
    .replace(/ ([.,!?;:…])/g, '$1')
    .trim()
  return /[\p{L}\p{N}]/u.test(spoken) ? spoken : ''
}
