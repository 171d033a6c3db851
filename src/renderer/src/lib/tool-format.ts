/**
 * How tool arguments and results read on a tool card: JSON pretty-printed, text left as text.
 * The core already decodes the protocol's JSON strings; a string that still holds JSON (a tool
 * that returned JSON text) is decoded here too.
 */
export interface FormattedValue {
  kind: 'json' | 'text' | 'none'
  text: string
}

/** Cards stay light: a huge result is cut, saying how much was left out. */
export const MAX_SHOWN_CHARS = 20_000

function clip(text: string): string {
  if (text.length <= MAX_SHOWN_CHARS) return text
  return `${text.slice(0, MAX_SHOWN_CHARS)}\n… (${text.length - MAX_SHOWN_CHARS} more characters)`
}

function decodeJsonString(text: string): unknown {
  const trimmed = text.trim()
  if (!/^[[{]/.test(trimmed)) return undefined
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return undefined
  }
}

export function formatToolValue(value: unknown): FormattedValue {
  if (value === undefined) return { kind: 'none', text: '' }
  if (typeof value === 'string') {
    const decoded = decodeJsonString(value)
    return decoded === undefined ? { kind: 'text', text: clip(value) } : formatToolValue(decoded)
  }
  try {
    return { kind: 'json', text: clip(JSON.stringify(value, null, 2)) }
  } catch {
    return { kind: 'text', text: clip(String(value)) }
  }
}

/** A one-line glimpse of the arguments for the card's summary: `expression: 2+2`. */
export function summarizeToolArgs(value: unknown, maxLength = 60): string {
  const decoded = typeof value === 'string' ? (decodeJsonString(value) ?? value) : value
  let line: string
  if (decoded === undefined || decoded === null) line = ''
  else if (typeof decoded === 'object' && !Array.isArray(decoded)) {
    line = Object.entries(decoded)
      .map(([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ')
  } else line = typeof decoded === 'string' ? decoded : JSON.stringify(decoded)
  line = line.replace(/\s+/g, ' ').trim()
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line
}
