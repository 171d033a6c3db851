/** The `ws` side of the link: opening a socket, reading a message's text, closing it politely. */
import { WebSocket, type RawData } from 'ws'
import { CloseCode } from '../../../shared/protocol'
import type { LinkSocket } from './types'

/** Largest frame accepted; `set_model_and_conf` is the biggest legitimate one, far below this. */
const MAX_PAYLOAD = 16 * 1024 * 1024
/** How long `closeGracefully` waits for the server's close frame before cutting the socket. */
const STOP_GRACE_MS = 1_000

export const openWs = (url: string, headers?: Record<string, string>): LinkSocket =>
  new WebSocket(url, { perMessageDeflate: false, maxPayload: MAX_PAYLOAD, ...(headers ? { headers } : {}) })

/** Whether the socket can send now. */
export const isOpen = (ws: LinkSocket): boolean => ws.readyState === WebSocket.OPEN

/** A text message's payload, however `ws` delivered it (one buffer, fragments, or an ArrayBuffer). */
export function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8')
}

/** Closes with 1000 and waits for the close; cuts the socket if the peer does not answer. */
export function closeGracefully(ws: LinkSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), STOP_GRACE_MS)
    ws.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate()
    else if (ws.readyState === WebSocket.OPEN) ws.close(CloseCode.normal)
  })
}
