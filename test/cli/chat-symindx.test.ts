/** `mira chat --protocol symindx` against the SYMindX fake: the answer, --json events, and the exit codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { FakeSymindxServer } from '../fake-servers/symindx/server'
import { tempDir } from './cli-process'
import { memoryIo } from './memory-io'

let server: FakeSymindxServer
beforeAll(async () => {
  server = await FakeSymindxServer.start({
    agents: [{ id: 'nyx' }, { id: 'aria' }],
    token: 'secret',
    answer: (m) => (m.text === 'fail' ? [{ fail: 'INTERNAL_ERROR', message: 'Model down' }] : [{ emotion: 'happy' }, { say: 'Hello there. It is noon.' }]),
  })
})
afterAll(() => server.stop())

const env = () => ({ MIRA_DATA_DIR: tempDir() })
const jsonEvents = (out: string) => out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
const chat = (...args: string[]) => ['chat', '--protocol', 'symindx', '--server', server.url, '--token', 'secret', ...args]

describe('mira chat --protocol symindx', () => {
  it('prints the answer and exits 0, talking to the --agent', async () => {
    const io = memoryIo({ env: env() })
    expect(await main(chat('--agent', 'aria', 'what time is it?'), io)).toBe(0)
    expect(io.out).toContain('Hello there. It is noon.')
    expect(io.err).toMatch(/conversation: \S+/)
    expect(server.framesWhere('type', 'chat').at(-1)?.frame).toMatchObject({ targetAgent: 'aria', data: { message: 'what time is it?' } })
    // The fake lets only the right token in (sent as a Bearer header); the handshake asked the agent’s status.
    expect(server.framesWhere('type', 'status').at(-1)?.frame).toEqual({ type: 'status', targetAgent: 'aria' })
  })

  it('talks to --agent-id when no --agent is given, and prints the same --json events as every protocol', async () => {
    const io = memoryIo({ env: env() })
    expect(await main(chat('--agent-id', 'nyx', '--conversation', 'conv_1', '--json', 'hi'), io)).toBe(0)
    const events = jsonEvents(io.out)
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'tts', 'tts', 'end'])
    // The agent's emotion goes with each sentence, as a tts_ready_chunk's would.
    expect(events.filter((e) => e.event === 'tts').map((e) => [e.chunk, e.emotion])).toEqual([
      ['Hello there.', 'happy'],
      ['It is noon.', 'happy'],
    ])
    expect(events.at(-1)).toMatchObject({ event: 'end', content: 'Hello there. It is noon.', conversation_id: 'conv_1' })
    expect(server.framesWhere('type', 'chat').at(-1)?.frame).toMatchObject({ targetAgent: 'nyx', data: { message: 'hi', conversationId: 'conv_1' } })
  })

  it('exits 2 for a refused token, 4 for a server error or an unknown agent, 3 for a dead port', async () => {
    const refused = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'symindx', '--server', server.url, '--token', 'wrong', '--agent', 'nyx', 'hello'], refused)).toBe(2)
    expect(refused.err).toContain('Authentication required')
    const failed = memoryIo({ env: env() })
    expect(await main(chat('--agent', 'nyx', 'fail'), failed)).toBe(4)
    expect(failed.err).toContain('Model down')
    expect(failed.err).toContain('INTERNAL_ERROR')
    const ghost = memoryIo({ env: env() })
    expect(await main(chat('--agent', 'ghost', 'hello'), ghost)).toBe(4)
    expect(ghost.err).toContain('AGENT_NOT_FOUND')
    const dead = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'symindx', '--server', 'ws://127.0.0.1:1/ws', '--timeout', '20', 'hello'], dead)).toBe(3)
  })
})
