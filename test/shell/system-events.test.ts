import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchSystemEvents } from '../../src/main/shell/system-events'

describe('watchSystemEvents', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup() {
    const powerMonitor = new EventEmitter()
    const state = { online: true }
    const calls: string[] = []
    const stop = watchSystemEvents({
      powerMonitor,
      isOnline: () => state.online,
      onResume: () => calls.push('resumed'),
      onNetworkChange: (online) => calls.push(online ? 'online' : 'offline'),
      intervalMs: 1000,
    })
    return { powerMonitor, state, calls, stop }
  }

  it('reports each flip of the online state once, at the next poll', () => {
    const { state, calls } = setup()
    vi.advanceTimersByTime(3000)
    expect(calls).toEqual([])
    state.online = false
    vi.advanceTimersByTime(999)
    expect(calls).toEqual([])
    vi.advanceTimersByTime(1)
    expect(calls).toEqual(['offline'])
    vi.advanceTimersByTime(5000)
    state.online = true
    vi.advanceTimersByTime(1000)
    expect(calls).toEqual(['offline', 'online'])
  })

  it('reports a wake from sleep, and a network change seen on waking at once', () => {
    const { powerMonitor, state, calls } = setup()
    powerMonitor.emit('resume')
    expect(calls).toEqual(['resumed'])
    state.online = false
    powerMonitor.emit('resume')
    expect(calls).toEqual(['resumed', 'resumed', 'offline'])
  })

  it('stops polling and listening', () => {
    const { powerMonitor, state, calls, stop } = setup()
    stop()
    state.online = false
    powerMonitor.emit('resume')
    vi.advanceTimersByTime(10_000)
    expect(calls).toEqual([])
    expect(powerMonitor.listenerCount('resume')).toBe(0)
  })
})
