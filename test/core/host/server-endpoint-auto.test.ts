/**
 * The connection in use with *Automatic* at an address that does not tell its kind: the endpoint
 * probes it and the link speaks what was found; another address is probed again; a server that
 * speaks none of the protocols, or one not answering, leaves a problem that says which.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import type { AddressInfo } from 'node:net'
import { openEndpoint } from '../../../src/main/core/host/server-endpoint'
import { settingsSchema } from '../../../src/shared/settings'
import { FakeGeneralBotsServer, FakeSymindxServer } from '../../fake-servers'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const secrets = { get: async () => undefined, set: async () => {} }
const open = (url: string, log: string[] = []) =>
  openEndpoint({
    settings: settingsSchema.parse({ server: { mode: 'custom', url, kind: 'auto' } }),
    secrets,
    dataDir: '/nonexistent',
    startCompanion: () => Promise.reject(new Error('not the built-in server')),
    log: (line) => log.push(line),
  })

describe('the endpoint with Automatic', () => {
  it('probes the address, uses the kind found, and probes again for another address', async () => {
    const symindx = await FakeSymindxServer.start()
    const bots = await FakeGeneralBotsServer.start({ token: 't' })
    cleanups.push(() => symindx.stop(), () => bots.stop())
    const log: string[] = []
    const first = await open(symindx.url, log)
    expect(first).toMatchObject({ kind: 'custom', url: symindx.url, protocol: 'symindx' })
    expect(first.problem).toBeUndefined()
    expect(log).toContain(`Automatic: found SYMindX at ${symindx.url}`)
    expect(await open(bots.url)).toMatchObject({ protocol: 'generalbots' })
    // The probe never sends a chat message.
    expect(symindx.framesWhere('type', 'chat')).toEqual([])
  })

  it('leaves a problem saying it cannot tell, or that nothing answered', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    wss.on('connection', (ws) => ws.close(1000))
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())))
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`
    expect(await open(url)).toMatchObject({ problemCode: 'serverKindUnknown', problemDetail: url })
    expect((await open(url)).protocol).toBeUndefined()
    expect(await open('ws://127.0.0.1:1/ws')).toMatchObject({ problemCode: 'serverKindUnreachable', problemDetail: 'ws://127.0.0.1:1/ws' })
  })

  it('does not probe where the path tells', async () => {
    expect(await open('ws://127.0.0.1:1/v1/chat/stream')).toMatchObject({ protocol: 'dmp' })
  })
})
