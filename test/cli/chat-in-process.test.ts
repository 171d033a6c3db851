/** `mira chat` cases that need no process of their own: `main` runs in the test, against the fake server. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { FakeStep } from '../support/fake-agent-server'
import { tempDir } from './cli-process'
import { useFakeChatServer } from './fake-chat-server'
import { memoryIo } from './memory-io'

const TOKEN = 'in-process-secret'

function script(content: string): FakeStep[] {
  if (content.startsWith('notice')) {
    return [{ frame: { type: 'error', error: 'No active turns to interrupt', code: 4004 } }, { tokens: ['Still ', 'here.'] }]
  }
  if (content.startsWith('rewrite')) return [{ tokens: ['Draft'] }, { end: { content: 'Final text' } }]
  if (content.startsWith('silent')) return [{ end: { content: 'Only at the end.' } }]
  return [{ tokens: ['You said: ', content] }]
}

const fake = useFakeChatServer(TOKEN, script)
const { base, chatMessage } = fake

const jsonEvents = (out: string) => out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)

describe('mira chat (in process)', () => {
  it('takes ids, persona and token from the app files, the server from MIRA_SERVER, and flags over both', async () => {
    const dataDir = tempDir()
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        version: 1,
        server: { mode: 'custom', url: 'ws://127.0.0.1:1/v1/chat/stream' },
        agentId: 'from-settings',
        userId: 'settings-user',
        persona: 'Be brief.',
      }),
    )
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ version: 1, encoding: 'plain', secrets: { 'server-token': TOKEN } }), { mode: 0o600 })
    const io = memoryIo({ env: { MIRA_DATA_DIR: dataDir, MIRA_SERVER: fake.server.url } })
    expect(await main(['chat', '--agent-id', 'flag-agent', 'config precedence'], io)).toBe(0)
    expect(chatMessage('config precedence')).toMatchObject({ agent_id: 'flag-agent', user_id: 'settings-user', persona: 'Be brief.' })
    expect(chatMessage('config precedence')).not.toHaveProperty('conversation_id')
  })

  it('reads the message from stdin for "-" and continues the given conversation', async () => {
    const conversation = '5b0a3c1e-1111-4222-8333-944455556666'
    const io = memoryIo({ stdin: 'piped message\n' })
    expect(await main([...base(), '--conversation', conversation, '-'], io)).toBe(0)
    expect(io.out).toBe('You said: piped message\n')
    expect(chatMessage('piped message')).toMatchObject({ conversation_id: conversation })
    expect(io.errLines()).toEqual([`conversation: ${conversation}`])
  })

  it('keeps what was streamed when stream_end rewrites it; --json ends with the final content', async () => {
    const text = memoryIo()
    expect(await main([...base(), 'rewrite text'], text)).toBe(0)
    expect(text.out).toBe('Draft\n')
    const json = memoryIo()
    expect(await main([...base(), '--json', 'rewrite json'], json)).toBe(0)
    expect(jsonEvents(json.out).at(-1)).toMatchObject({ event: 'end', content: 'Final text' })
  })

  it('prints stream_end content when nothing was streamed', async () => {
    const io = memoryIo()
    expect(await main([...base(), 'silent answer'], io)).toBe(0)
    expect(io.out).toBe('Only at the end.\n')
  })

  it('does not end on an informational error (4004)', async () => {
    const io = memoryIo()
    expect(await main([...base(), '--json', 'notice me'], io)).toBe(0)
    const events = jsonEvents(io.out)
    expect(events).toContainEqual({ event: 'notice', text: 'No active turns to interrupt', code: 4004 })
    expect(events.at(-1)).toMatchObject({ event: 'end', content: 'Still here.' })
  })

  it('exits 2 without connecting when there is no token anywhere', async () => {
    const before = fake.server.connectionCount
    const io = memoryIo()
    expect(await main(['chat', '--server', fake.server.url, 'hi'], io)).toBe(2)
    expect(io.errLines()).toHaveLength(1)
    expect(io.errLines()[0]).toMatch(/^mira: no token: pass --token, set MIRA_TOKEN/)
    expect(fake.server.connectionCount).toBe(before)
  })

  it('answers more usage errors with 64', async () => {
    const cases: [string[], string][] = [
      [['chat', '--token', TOKEN], 'mira: no message given'],
      [[...base(), '--timeout', 'soon', 'hi'], 'mira: --timeout must be a positive number of seconds (got "soon")'],
      [[...base(), '-', 'and more'], 'mira: "-" (read the message from stdin) must be the only argument'],
      [[...base(), '--user-id', ' ', 'hi'], 'mira: --user-id must not be empty'],
    ]
    for (const [args, line] of cases) {
      const io = memoryIo()
      expect(await main(args, io), args.join(' ')).toBe(64)
      expect(io.errLines()[0]).toBe(line)
    }
    const empty = memoryIo({ stdin: '\n' })
    expect(await main([...base(), '-'], empty)).toBe(64)
    expect(empty.errLines()[0]).toBe('mira: the message read from stdin is empty')
  })
})
