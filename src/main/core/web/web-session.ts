/**
 * How a browser proves it is the page `mira web` opened, without the secret in any URL a browser
 * records: the printed address carries a one-time code; its first load exchanges the code for a
 * session cookie (`HttpOnly`, `SameSite=Strict`, named after the port since cookies ignore ports)
 * holding the per-launch key, and the address is useless from then on. Non-browser clients may
 * still present the key as `?key=` on the bridge.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { keyMatches } from './key'

export class WebSession {
  private code: string | undefined = randomBytes(24).toString('base64url')
  readonly cookieName: string

  constructor(
    private readonly key: string,
    port: number,
  ) {
    this.cookieName = `mira-session-${port}`
  }

  /** The one-time code for the printed address (empty once used). */
  get openCode(): string {
    return this.code ?? ''
  }

  /** Uses up the code: the `Set-Cookie` value when it was the valid, unused one. */
  redeem(code: string | null): string | undefined {
    if (this.code === undefined || !keyMatches(code, this.code)) return undefined
    this.code = undefined
    return `${this.cookieName}=${this.key}; HttpOnly; SameSite=Strict; Path=/`
  }

  /** The request carries this launch's key: in its session cookie, or as `?key=`. */
  admits(req: IncomingMessage, url: URL): boolean {
    return keyMatches(this.cookieOf(req), this.key) || keyMatches(url.searchParams.get('key'), this.key)
  }

  private cookieOf(req: IncomingMessage): string | undefined {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=')
      if (name === this.cookieName) return value.join('=')
    }
    return undefined
  }
}
