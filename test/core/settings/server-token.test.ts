/** The saved server token is bound to the server (origin) it was saved for. */
import { describe, expect, it } from 'vitest'
import type { SecretStore } from '../../../src/main/core/settings/secret-store'
import {
  bindUnboundToken,
  saveServerToken,
  savedTokenFor,
  savedTokenOrigin,
  SERVER_TOKEN_ORIGIN_SECRET,
  SERVER_TOKEN_SECRET,
} from '../../../src/main/core/settings/server-token'

function memoryStore(initial: Record<string, string> = {}): SecretStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial))
  return {
    values,
    get: async (name) => values.get(name),
    set: async (name, value) => void (value === null ? values.delete(name) : values.set(name, value)),
  }
}

const A = 'ws://127.0.0.1:5500/v1/chat/stream'

describe('the saved server token', () => {
  it('is given for its own server, on any path and however the address is spelled', async () => {
    const secrets = memoryStore()
    await saveServerToken(secrets, 'secret', 'http://127.0.0.1:5500')
    expect(secrets.values.get(SERVER_TOKEN_ORIGIN_SECRET)).toBe('ws://127.0.0.1:5500')
    expect(await savedTokenFor(secrets, A)).toBe('secret')
    expect(await savedTokenFor(secrets, 'ws://127.0.0.1:5500/proxy/v1/chat/stream?room=2')).toBe('secret')
    expect(await savedTokenOrigin(secrets)).toBe('ws://127.0.0.1:5500')
  })

  it('is not given for another port, host or scheme, and is kept for its own server', async () => {
    const secrets = memoryStore()
    await saveServerToken(secrets, 'secret', A)
    for (const other of ['ws://127.0.0.1:5501/v1/chat/stream', 'ws://localhost:5500', 'wss://127.0.0.1:5500', 'ws://evil.example']) {
      expect(await savedTokenFor(secrets, other)).toBeUndefined()
    }
    expect(await savedTokenFor(secrets, A)).toBe('secret')
  })

  it('moves with a new token, and `null` removes both the token and its server', async () => {
    const secrets = memoryStore()
    await saveServerToken(secrets, 'first', A)
    await saveServerToken(secrets, 'second', 'ws://127.0.0.1:6600')
    expect(await savedTokenFor(secrets, A)).toBeUndefined()
    expect(await savedTokenFor(secrets, 'ws://127.0.0.1:6600')).toBe('second')
    await saveServerToken(secrets, null, A)
    expect([...secrets.values.keys()]).toEqual([])
    expect(await savedTokenOrigin(secrets)).toBeUndefined()
  })

  it('migration: a token saved without its server belongs to the saved custom address', async () => {
    const secrets = memoryStore({ [SERVER_TOKEN_SECRET]: 'legacy' })
    expect(await savedTokenFor(secrets, A)).toBeUndefined()
    await bindUnboundToken(secrets, A)
    expect(await savedTokenFor(secrets, A)).toBe('legacy')
    // A bound token keeps its server; no token, nothing recorded.
    await bindUnboundToken(secrets, 'ws://elsewhere:1')
    expect(await savedTokenOrigin(secrets)).toBe('ws://127.0.0.1:5500')
    const empty = memoryStore()
    await bindUnboundToken(empty, A)
    expect(empty.values.size).toBe(0)
  })
})
