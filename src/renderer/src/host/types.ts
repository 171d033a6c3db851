import type { HostApi } from '../../../shared/host/commands'

/**
 * The renderer's link to its host (not the agent server): always `open` under Electron; in web
 * mode the bridge WebSocket, which can drop when the web host restarts.
 * `rejected`: the host refused this page's session (a restarted host has a new key; a page opened
 * from a used address never had one).
 */
export type TransportState = 'open' | 'connecting' | 'reconnecting' | 'rejected'

export interface TransportStatus {
  state: TransportState
  /** When `reconnecting`: the time of the next attempt (ms since epoch). */
  nextAttemptAt?: number
  /** Failed attempts since the bridge was last open. */
  attempt: number
}

export interface HostConnection {
  readonly kind: 'electron' | 'web'
  readonly api: HostApi
  readonly transport: TransportStatus
  /** Called on every transport change; returns the unsubscribe function. */
  onTransport(listener: (status: TransportStatus) => void): () => void
  /** Connects now instead of waiting for the backoff. */
  retryNow(): void
  close(): void
}
