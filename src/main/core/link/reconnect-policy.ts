/**
 * When the link tries again. A server on this machine (the built-in companion, or any on
 * 127.0.0.0/8, ::1, localhost) is retried at short intervals: a refused loopback connection costs
 * nothing and floods no one, and a restarted local server should be back in use within a second.
 * Other servers back off exponentially, but the system's own signals (network back online, wake
 * from sleep) mean "try now" for every server.
 */
import type { LinkState } from '../../../shared/host/link-status'
import { DEFAULT_BACKOFF } from './backoff'
import type { BackoffOptions, ChatLinkLike } from './types'

/** Retries to a loopback server: 100 ms, 200 ms, then every 250–500 ms (half jitter). */
export const LOOPBACK_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 500, factor: 2, jitter: 0.5 }

/** Whether a WebSocket URL points at this machine. */
export function isLoopbackUrl(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return false
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true
  const octets = host.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
}

/** The backoff for a server: short and flat for a loopback one, exponential for the rest. */
export function backoffFor(url: string, serverKind: 'builtin' | 'custom' = 'custom'): BackoffOptions {
  return serverKind === 'builtin' || isLoopbackUrl(url) ? LOOPBACK_BACKOFF : DEFAULT_BACKOFF
}

/** What the OS reports: the network came up or went down, or the machine woke from sleep. */
export type SystemEvent = 'online' | 'offline' | 'resumed'

/**
 * Whether a system event should make the link try now. A link still trying skips its wait on
 * `online` and `resumed`. A ready link to another machine is replaced then (its TCP connection may
 * have died with the network or the sleep, and would only be noticed by the silence watchdog);
 * a ready loopback link is left alone, as is any link when the network goes down.
 */
export function retriesOn(event: SystemEvent, state: LinkState, loopback: boolean): boolean {
  // Stopped, a bad address, or a refused token: no network change mends those.
  if (event === 'offline' || state === 'offline' || state === 'auth-failed') return false
  if (state === 'reconnecting') return true
  return !loopback
}

const EVENT_REASONS: Record<SystemEvent, string> = { online: 'network back online', offline: 'network offline', resumed: 'resumed from sleep' }

/** Applies a system event to a link; returns whether it made the link try now. */
export function applySystemEvent(link: Pick<ChatLinkLike, 'status' | 'retryNow'>, event: SystemEvent, loopback: boolean): boolean {
  if (!retriesOn(event, link.status.state, loopback)) return false
  link.retryNow(EVENT_REASONS[event])
  return true
}
