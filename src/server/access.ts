/**
 * Who may talk to the companion. The token guards the chat socket (and TTS/STM when set); the
 * Host and Origin checks stop web pages in the user's browser from using a loopback server:
 * cross-site WebSocket hijacking (an evil page opening ws://127.0.0.1:5500), DNS rebinding, and a
 * page on another loopback port (any local dev server or app) reading the history. Mira's own
 * clients (the app's core, the CLI) are not browsers and send no `Origin`.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]'])

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase()
  return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h)
}

/** Compares in constant time; hashing first hides the expected token's length too. */
export function tokenMatches(expected: string | undefined, given: string): boolean {
  // No token configured (loopback only): any non-empty token is accepted.
  if (expected === undefined) return given.trim().length > 0
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

/** The token from `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '')
  return match?.[1]
}

export interface AccessPolicy {
  /** The `Host` header names this server (checked only when it listens on loopback). */
  hostAllowed(hostHeader: string | undefined): boolean
  /** No `Origin` (not a browser), a page from this very server (`Origin` names the `Host`), or a listed origin. */
  originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean
}

function hostnameOf(hostHeader: string): string {
  const text = hostHeader.trim()
  if (text.startsWith('[')) return text.slice(0, text.indexOf(']') + 1)
  return text.replace(/:\d+$/, '')
}

export function createAccessPolicy(options: { host: string; allowedOrigins?: readonly string[] }): AccessPolicy {
  const loopbackOnly = isLoopbackHost(options.host)
  const extraOrigins = new Set(options.allowedOrigins ?? [])
  return {
    hostAllowed(hostHeader) {
      if (!loopbackOnly) return true
      if (!hostHeader) return false
      const name = hostnameOf(hostHeader)
      return isLoopbackHost(name) || name === options.host
    },
    originAllowed(origin, hostHeader) {
      if (origin === undefined) return true
      if (extraOrigins.has(origin)) return true
      if (!hostHeader) return false
      try {
        const url = new URL(origin)
        // Same origin only: a loopback page on another port is another program's page.
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === new URL(`http://${hostHeader.trim()}`).host
      } catch {
        return false
      }
    },
  }
}
