/**
 * Per-test companion and raw clients, cleaned up after each test:
 *
 *   const companion = useCompanion()
 *   const server = await companion.start({ brain })
 *   const c = await companion.client()
 */
import { afterEach } from 'vitest'
import { RawClient } from './raw-client'
import { startTestServer, type TestServer } from './server'

export function useCompanion() {
  let server: TestServer | undefined
  const clients: RawClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
    await server?.stop()
    server = undefined
  })
  return {
    /** Starts the test's server (stopping the previous one of this test, keeping its data when asked). */
    async start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
      server = await startTestServer(options)
      return server
    },
    /** An authorized raw client of the current server. */
    async client(): Promise<RawClient> {
      if (!server) throw new Error('start() the server first')
      const c = await RawClient.authorized(server.url)
      clients.push(c)
      return c
    },
    clients,
  }
}
