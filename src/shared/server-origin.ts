/**
 * The server a saved token belongs to: the origin (scheme, host, port) of the normalized chat URL.
 * Another path on the same server keeps the token; another host, port or scheme does not.
 */
import { normalizeChatUrl } from './server-url'

/** `http://h:5500` → `ws://h:5500`. Throws `ServerUrlError` for what `normalizeChatUrl` refuses. */
export function serverOriginOf(address: string): string {
  return new URL(normalizeChatUrl(address)).origin
}

/** The origin, or `undefined` for an address that is not one (e.g. while it is being typed). */
export function tryServerOriginOf(address: string): string | undefined {
  try {
    return serverOriginOf(address)
  } catch {
    return undefined
  }
}
