/** One fake agent server per test file for `mira chat`, answering each message by its content. */
import { afterAll, beforeAll } from 'vitest'
import { FakeAgentServer, type FakeStep } from '../support/fake-agent-server'

export interface FakeChatServer {
  /** The running server (from `beforeAll` on). */
  readonly server: FakeAgentServer
  /** `chat --server URL --token TOKEN`: the start of a command line that reaches it. */
  base(): string[]
  /** The `chat_message` frame the server received with this content. */
  chatMessage(content: string): Record<string, unknown> | undefined
}

/** Registers the hooks that start and stop the server; the answer depends on the message, so the tests share it. */
export function useFakeChatServer(token: string, script: (content: string) => FakeStep[]): FakeChatServer {
  let server: FakeAgentServer | undefined
  beforeAll(async () => {
    server = await FakeAgentServer.start({ token, answer: (message) => script(message.content) })
  })
  afterAll(async () => {
    await server?.stop()
  })
  const running = (): FakeAgentServer => {
    if (!server) throw new Error('the fake agent server is not running (used outside a test?)')
    return server
  }
  return {
    get server() {
      return running()
    },
    base: () => ['chat', '--server', running().url, '--token', token],
    chatMessage: (content) => running().framesOfType('chat_message').find((r) => r.frame.content === content)?.frame,
  }
}
