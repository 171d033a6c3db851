/**
 * The companion after a restart: it opens the conversations from the index, a turn in an old
 * conversation gets its last messages (read from the file) as the window, and the REST history
 * has every message.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { scriptedBrain, tokens } from '../support/brains'
import { RawClient } from '../support/raw-client'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const brain = () => scriptedBrain((input) => tokens(`Reply to ${input.messages.at(-1)?.content ?? ''}.`))

async function turn(url: string, content: string, conversationId?: string): Promise<string> {
  const client = await RawClient.authorized(url)
  try {
    client.send({ type: 'chat_message', agent_id: 'mira', user_id: 'ann', content, limit: 3, ...(conversationId ? { conversation_id: conversationId } : {}) })
    return String((await client.waitFor((f) => f.type === 'stream_end')).conversation_id)
  } finally {
    await client.close()
  }
}

describe('companion history across a restart', () => {
  it('continues an old conversation with its window read from the file', async () => {
    server = await startTestServer({ brain: brain() })
    const id = await turn(server.url, 'one')
    await turn(server.url, 'two', id)
    const { dataDir } = server
    await server.stop({ keepData: true })
    const index = JSON.parse(await readFile(join(dataDir, 'history', 'index.json'), 'utf8')) as { sessions: { messages: number }[] }
    expect(index.sessions.map((s) => s.messages)).toEqual([4])

    const again = brain()
    server = await startTestServer({ brain: again, dataDir })
    await turn(server.url, 'three', id)
    expect(again.inputs[0]?.messages.map((m) => m.content)).toEqual(['Reply to one.', 'two', 'Reply to two.', 'three'])
    const history = (await (await fetch(`${server.restBase}/stm/chat-history?user_id=ann&agent_id=mira&session_id=${id}`)).json()) as { messages: { content: string }[] }
    expect(history.messages.map((m) => m.content)).toEqual(['one', 'Reply to one.', 'two', 'Reply to two.', 'three', 'Reply to three.'])
  })
})
