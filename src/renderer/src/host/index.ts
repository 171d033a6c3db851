/**
 * Picks the host API transport: the Electron preload's `window.mira` when present, otherwise the
 * web host's bridge on the page's own origin. The page holds no key: the browser presents the web
 * host's `HttpOnly` session cookie, set when the address `mira web` printed was opened.
 */
import { WEB_BRIDGE_PATH } from '../../../shared/host/web-bridge'
import { electronConnection } from './electron-connection'
import type { HostConnection } from './types'
import { WebBridgeClient, type KeyVerdict } from './web-bridge-client'

export type { HostConnection, TransportStatus, TransportState } from './types'

const log = (message: string, detail?: unknown): void => console.warn(`[mira host] ${message}`, detail ?? '')

export function createHostConnection(win: Window = window): HostConnection {
  if (win.mira) return electronConnection(win.mira, log)
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:'
  const client = new WebBridgeClient({
    url: `${scheme}//${win.location.host}${WEB_BRIDGE_PATH}`,
    checkKey: () => checkKey(WEB_BRIDGE_PATH),
    log,
  })
  client.start()
  // Back online or back in view: do not sit out the rest of a long backoff.
  win.addEventListener('online', () => client.retryNow())
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'visible') client.retryNow()
  })
  return client
}

async function checkKey(path: string): Promise<KeyVerdict> {
  try {
    const res = await fetch(path, { cache: 'no-store' })
    return res.status === 403 ? 'stale' : 'valid'
  } catch {
    return 'unreachable'
  }
}
