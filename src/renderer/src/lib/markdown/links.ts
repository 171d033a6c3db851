/**
 * Links in answers never navigate the app: a click asks first, then hands the address to the
 * browser. In web mode that is a new tab. Under Electron the main process denies every new
 * window; opening in the system browser belongs in the Electron shell, next to its
 * `externalHttpUrl` check (src/main/shell/window/security.ts), so this code stays unchanged there.
 */
import { httpUrl } from './sanitize'

export interface LinkOpener {
  confirm(message: string): boolean
  open(url: string): void
}

const browserOpener: LinkOpener = {
  confirm: (message) => window.confirm(message),
  open: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
}

/** The address a link may open: absolute http(s) without credentials, or mailto. */
export function externalUrl(href: string): string | undefined {
  if (/^mailto:[^\s]+$/i.test(href.trim())) return href.trim()
  return httpUrl(href)?.href
}

/** Asks "Open … in your browser?" and opens it when the reader agrees. Returns whether it opened. */
export function openExternalLink(href: string, opener: LinkOpener = browserOpener): boolean {
  const url = externalUrl(href)
  if (url === undefined || !opener.confirm(`Open ${url} in your browser?`)) return false
  opener.open(url)
  return true
}
