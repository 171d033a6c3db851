/** The General Bots adapter in the real link and session, against the fake General Bots server. */
import { expect, vi } from 'vitest'
import { generalBotsProtocol, type GeneralBotsOptions } from '../../../src/main/core/protocols/generalbots'
import { FakeGeneralBotsServer, type FakeGeneralBotsOptions } from '../../fake-servers/generalbots/server'
import { openProtocolSession } from './protocol-session'

export const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

const cleanups: (() => Promise<void>)[] = []
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export interface SetupOptions {
  fake?: FakeGeneralBotsOptions
  protocol?: GeneralBotsOptions
  /** The token the client uses (default: the fake's). */
  token?: string | null
  /** Runs before the client connects. */
  prepare?: (bots: FakeGeneralBotsServer) => void
}

export async function setup(options: SetupOptions = {}) {
  const bots = await FakeGeneralBotsServer.start({ token: 'secret', ...options.fake })
  cleanups.push(() => bots.stop())
  options.prepare?.(bots)
  const token = options.token === undefined ? bots.token : (options.token ?? undefined)
  const opened = await openProtocolSession({ url: bots.url, protocol: generalBotsProtocol(options.protocol), getToken: () => token, cleanups })
  const texts = () => bots.chatMessages().map((m) => m.text)
  opened.link.start()
  return { bots, ...opened, texts }
}

export type Setup = Awaited<ReturnType<typeof setup>>

export async function ready(t: Setup): Promise<void> {
  await waitFor(() => expect(t.link.status.state).toBe('ready'))
}

/** A promise and its resolver: a script step that waits for the test. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}
