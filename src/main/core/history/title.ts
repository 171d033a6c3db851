/** A conversation's default title: the first line of its first user message, shortened. */
export const UNTITLED = 'New conversation'
const MAX_TITLE = 80

export function titleFrom(text: string | undefined): string {
  const line = (text ?? '').split('\n').find((l) => l.trim())?.replace(/\s+/g, ' ').trim()
  if (!line) return UNTITLED
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1).trimEnd()}…` : line
}
