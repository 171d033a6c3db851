/**
 * The addresses Mira may hand to the system browser (or mail program): absolute `http:` /
 * `https:` URLs without credentials, and `mailto:`. Everything else (`javascript:`, `file:`,
 * `data:`, custom app schemes) never leaves the app.
 */
export function externalUrl(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return undefined
  }
  if (url.protocol === 'mailto:') return url.pathname ? url.href : undefined
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.username || url.password || !url.hostname) return undefined
  return url.href
}
