/**
 * Picks the host API transport: the Electron preload's `window.mira` when present, otherwise the
 * web host's bridge on the page's own origin.
 */
import { WEB_BRIDGE_PATH } from '../../../shared/host/web-bridge'
import { takeBridgeKey } from './bridge-key'
import { electronConnection } from './electron-connection'
import type { HostConnection } from './types'
import { WebBridgeClient, type KeyVerdict } from './web-bridge-client'

export type { HostConnection, TransportStatus, TransportState } from './types'

const log = (message: string, detail?: unknown): void => console.warn(`[mira host] ${message}`, detail ?? '')

export function createHostConnection(win: Window = window): HostConnection {
  if (win.mira) return electronConnection(win.mira, log)
  const key = takeBridgeKey({ location: win.location, history: win.history, storage: win.sessionStorage })
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:'
  const query = key ? `?key=${encodeURIComponent(key)}` : ''
  const client = new WebBridgeClient({
    url: key ? `${scheme}//${win.location.host}${WEB_BRIDGE_PATH}${query}` : undefined,
    checkKey: () => checkKey(`${WEB_BRIDGE_PATH}${query}`),
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
