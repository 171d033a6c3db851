/**
 * One way to start any of the four fakes, for suites that run the same case on every protocol:
 *
 *   for (const kind of FAKE_KINDS) {
 *     const fake = await startFake(kind, { answer: () => [{ say: '[happy] Hello there. How are you?' }] })
 *     // connect Mira with fake.url and fake.credentials (the names of ProtocolCredentials)
 *     expect(fake.server.chatMessages().map((m) => m.text)).toEqual(['hello'])
 *   }
 *
 * Lexicon's credentials carry no chat id (the client creates its chat over REST); pass
 * `lexiconChat: true` to get one made beforehand.
 */
import { FakeDextoServer } from './dexto/server'
import { FakeGeneralBotsServer } from './generalbots/server'
import { FakeLexiconServer } from './lexicon/server'
import type { FakeHub } from './shared/fake-hub'
import type { AnswerScript } from './shared/script'
import { FakeSymindxServer } from './symindx/server'

export { FakeDextoServer, FakeGeneralBotsServer, FakeLexiconServer, FakeSymindxServer }
export type { AnswerScript, ChatIn, FakeStep } from './shared/script'
export { echoAnswer, wordTokens } from './shared/script'

export const FAKE_KINDS = ['symindx', 'dexto', 'generalbots', 'lexicon'] as const
export type FakeKind = (typeof FAKE_KINDS)[number]

/** What every fake has, whatever its protocol. */
export type AnyFake = FakeHub & { answer: AnswerScript; dropMessages: boolean }

export interface RunningFake {
  kind: FakeKind
  server: AnyFake
  /** The address to give the client (with no credentials in it). */
  url: string
  credentials: { token?: string; apiKey?: string; userId?: string; chatId?: string; agent?: string }
}

export interface StartFakeOptions {
  answer?: AnswerScript
  port?: number
  /** Lexicon: create a chat for the user and put its id in the credentials. */
  lexiconChat?: boolean
}

export async function startFake(kind: FakeKind, options: StartFakeOptions = {}): Promise<RunningFake> {
  const { answer, port } = options
  switch (kind) {
    case 'symindx': {
      const server = await FakeSymindxServer.start({ answer, port })
      return { kind, server, url: server.url, credentials: { agent: server.agents[0]?.id } }
    }
    case 'dexto': {
      const server = await FakeDextoServer.start({ answer, port })
      return { kind, server, url: server.url, credentials: {} }
    }
    case 'generalbots': {
      const server = await FakeGeneralBotsServer.start({ answer, port })
      return { kind, server, url: server.url, credentials: { token: server.token } }
    }
    case 'lexicon': {
      const server = await FakeLexiconServer.start({ answer, port })
      const userId = 'mira-user'
      const chatId = options.lexiconChat ? server.createChat(userId) : undefined
      return { kind, server, url: server.url, credentials: { apiKey: server.apiKey, userId, ...(chatId ? { chatId } : {}) } }
    }
  }
}
