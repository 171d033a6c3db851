/** Shared setup for the ChatLink tests: a fake server, links with fast backoff, cleanup. */
import { afterEach } from 'vitest'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import type { ChatLinkOptions } from '../../../src/main/core/link/types'
import { FakeAgentServer, type FakeAgentServerOptions } from '../../support/fake-agent-server'
import { LinkProbe } from '../../support/link-probe'

export interface Harness {
  server: FakeAgentServer
  link: ChatLink
  probe: LinkProbe
}

const servers: FakeAgentServer[] = []
const links: ChatLink[] = []

/** Registers the cleanup; call once at the top of a test file. */
export function useLinkCleanup(): void {
  afterEach(async () => {
    await Promise.all(links.splice(0).map((link) => link.stop()))
    await Promise.all(servers.splice(0).map((server) => server.stop()))
  })
}

export async function startServer(options: FakeAgentServerOptions = {}): Promise<FakeAgentServer> {
  const server = await FakeAgentServer.start(options)
  servers.push(server)
  return server
}

/** A link with fast, deterministic backoff (10 ms → 50 ms cap, no randomness). */
export function makeLink(url: string, options: Partial<ChatLinkOptions> = {}): { link: ChatLink; probe: LinkProbe } {
  const link = new ChatLink({
    url,
    getToken: () => 'test-token',
    backoff: { initialMs: 10, maxMs: 50 },
    random: () => 1,
    ...options,
  })
  links.push(link)
  return { link, probe: new LinkProbe(link) }
}

/** A fake server plus a started link that reached `ready`. */
export async function readyLink(
  serverOptions: FakeAgentServerOptions = {},
  linkOptions: Partial<ChatLinkOptions> = {},
): Promise<Harness> {
  const server = await startServer(serverOptions)
  const { link, probe } = makeLink(server.url, linkOptions)
  link.start()
  await probe.waitForState('ready')
  return { server, link, probe }
}

export const chat = (content: string) =>
  ({ type: 'chat_message', content, agent_id: 'mira', user_id: 'tester' }) as const

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
