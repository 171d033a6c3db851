/**
 * How the conversation list reads a time, in the reader's language: "just now" (given by the
 * caller, who has the translation), "5 min. ago", "yesterday", "3 days ago", else the date.
 */
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export function relativeTime(at: number, now: number, locale: string, justNow: string): string {
  if (at <= 0) return ''
  const diff = Math.max(0, now - at)
  if (diff < MINUTE) return justNow
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })
  if (diff < HOUR) return words.format(-Math.floor(diff / MINUTE), 'minute')
  if (diff < DAY) return words.format(-Math.floor(diff / HOUR), 'hour')
  if (diff < 7 * DAY) return words.format(-Math.floor(diff / DAY), 'day')
  const date = new Date(at)
  const sameYear = date.getFullYear() === new Date(now).getFullYear()
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) })
}
