/**
 * Where things live on an agent server: the chat socket, the REST base, and the rule that
 * server-given paths resolve against the server's own origin only.
 */
import { CHAT_STREAM_PATH } from './protocol/codes'

export class ServerUrlError extends Error {
  override name = 'ServerUrlError'
}

/**
 * Normalizes what a user typed as a server address into the chat-stream WebSocket URL.
 * Accepts `ws://`, `wss://`, `http://`, `https://` and a bare `host:port`.
 */
export function normalizeChatUrl(input: string): string {
  const text = input.trim()
  if (!text) throw new ServerUrlError('The server address is empty')
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `ws://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new ServerUrlError(`"${input}" is not a valid server address`)
  }
  if (url.protocol === 'http:') url.protocol = 'ws:'
  else if (url.protocol === 'https:') url.protocol = 'wss:'
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new ServerUrlError(`"${input}" must start with ws://, wss://, http:// or https://`)
  }
  if (url.username || url.password) throw new ServerUrlError('Put the token in the token field, not in the address')
  if (url.pathname === '/' || url.pathname === '') url.pathname = CHAT_STREAM_PATH
  url.hash = ''
  return url.toString()
}

/** `ws://h:p/v1/chat/stream` → `http://h:p/v1`; `wss` → `https`. */
export function restBaseFromChatUrl(chatUrl: string): string {
  const url = new URL(chatUrl)
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new ServerUrlError(`Not a WebSocket URL: ${chatUrl}`)
  }
  const scheme = url.protocol === 'wss:' ? 'https:' : 'http:'
  return `${scheme}//${url.host}/v1`
}

/**
 * Resolves a server-given path (`/bg/x.jpg`, `/live2d/a/b.model3.json`) against the REST base.
 * Paths are relative to the base (`/bg/x.jpg` → `<base>/bg/x.jpg`). Anything that would leave the
 * server's origin or the `/v1` base — absolute URLs elsewhere, `//host`, `..` escapes, other
 * schemes — is refused with a `ServerUrlError`.
 */
export function resolveServerPath(restBase: string, serverPath: string): string {
  const base = new URL(restBase.endsWith('/') ? restBase : `${restBase}/`)
  if (typeof serverPath !== 'string' || serverPath.trim() === '') {
    throw new ServerUrlError('Empty server path')
  }
  const text = serverPath.trim()
  if ([...text].some((c) => c < ' ' || c === '\\')) throw new ServerUrlError(`Refused server path: ${JSON.stringify(serverPath)}`)
  let resolved: URL
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    // An absolute URL is allowed only when it already points inside the base.
    resolved = new URL(text)
  } else if (text.startsWith('//')) {
    throw new ServerUrlError(`Refused server path (other host): ${serverPath}`)
  } else {
    resolved = new URL(text.replace(/^\/+/, ''), base)
  }
  if (resolved.origin !== base.origin || !resolved.pathname.startsWith(base.pathname)) {
    throw new ServerUrlError(`Refused server path outside ${base.origin}${base.pathname}: ${serverPath}`)
  }
  if (/(^|\/)\.\.?(\/|$)/.test(decodeURIComponent(resolved.pathname))) {
    throw new ServerUrlError(`Refused server path with dot segments: ${serverPath}`)
  }
  return resolved.toString()
}

/** Resolves, or returns `null` (with no throw) for paths that are refused. */
export function tryResolveServerPath(restBase: string, serverPath: string): string | null {
  try {
    return resolveServerPath(restBase, serverPath)
  } catch {
    return null
  }
}
