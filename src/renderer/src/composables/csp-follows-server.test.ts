/** The page reloads for a server on another origin (its content policy is fixed at load), and only then. */
import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import type { LinkStatus } from '../../../shared/host'
import { useConnectionStore } from '../stores/connection'
import { piniaWithHost } from '../stores/test-host'
import { useCspFollowsServer } from './csp-follows-server'

const status = (serverUrl: string): LinkStatus => ({ state: 'ready', serverUrl, serverKind: 'custom', since: 0, attempt: 0 })

function setup() {
  const connection = useConnectionStore(piniaWithHost())
  const reload = vi.fn()
  effectScope().run(() => useCspFollowsServer(reload))
  return { connection, reload }
}

describe('useCspFollowsServer', () => {
  it('keeps the page for the server it loaded with, another path or a reconnect included', async () => {
    const { connection, reload } = setup()
    connection.setLink(status('ws://127.0.0.1:5500/v1/chat/stream'))
    await nextTick()
    connection.setLink({ ...status('ws://127.0.0.1:5500/other/chat/stream'), state: 'reconnecting' })
    await nextTick()
    expect(reload).not.toHaveBeenCalled()
  })

  it('reloads once the link moves to another origin (host, port or scheme)', async () => {
    const { connection, reload } = setup()
    connection.setLink(status('ws://127.0.0.1:5500/v1/chat/stream'))
    await nextTick()
    connection.setLink(status('wss://agent.example/v1/chat/stream'))
    await nextTick()
    expect(reload).toHaveBeenCalledTimes(1)
  })
})
