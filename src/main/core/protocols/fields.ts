/** Small helpers every adapter uses. */
import { CHAT_STREAM_PATH } from '../../../shared/protocol'

/** `{ [key]: value }`, or nothing when the value is undefined: events carry only what they have. */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

/**
 * A chat URL with the protocol's documented path when the address named none: a bare `host:port`
 * is normalized to `/v1/chat/stream` (shared/server-url.ts), which no other protocol serves.
 */
export function withDocumentedPath(url: string, path: string): string {
  const parsed = new URL(url)
  if (parsed.pathname === CHAT_STREAM_PATH || parsed.pathname === '/') parsed.pathname = path
  return parsed.toString()
}
