/**
 * OS events the link cares about (the core decides what they mean: core/link/reconnect-policy.ts).
 * Waking from sleep → `resumed`. Network changes: Electron has
 * no online/offline event in the main process, so `net.isOnline()` is polled (cheap: it asks
 * Chromium's cached connection state) and a flip either way counts as a change.
 */
export interface PowerMonitorLike {
  on(event: 'resume', listener: () => void): unknown
  removeListener(event: 'resume', listener: () => void): unknown
}

export interface SystemEventsOptions {
  powerMonitor: PowerMonitorLike
  isOnline(): boolean
  onResume(): void
  onNetworkChange(online: boolean): void
  /** Poll interval (ms). Default 1000: a link waiting for the network should hear of it within a second. */
  intervalMs?: number
}

/** Starts watching; returns the stop function. */
export function watchSystemEvents(options: SystemEventsOptions): () => void {
  let online = options.isOnline()
  const check = (): void => {
    const now = options.isOnline()
    if (now === online) return
    online = now
    options.onNetworkChange(now)
  }
  const resume = (): void => {
    options.onResume()
    // The network may have changed while asleep; look now rather than at the next tick.
    check()
  }
  const timer = setInterval(check, options.intervalMs ?? 1000)
  options.powerMonitor.on('resume', resume)
  return () => {
    clearInterval(timer)
    options.powerMonitor.removeListener('resume', resume)
  }
}
