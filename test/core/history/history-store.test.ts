/** The app's history on disk: what it records from host events, and what survives a restart or a crash. */
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostEvent, OutgoingMessage } from '../../../src/shared/host'
import { HistoryStore } from '../../../src/main/core/history/history-store'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mira-history-'))
  dirs.push(dir)
  return join(dir, 'history')
}

let clock = 1_000
const now = (): number => ++clock

function message(id: string, conversationKey: string, text: string, state: OutgoingMessage['state'] = 'queued'): HostEvent {
  return { type: 'message', message: { id, conversationKey, text, createdAt: now(), state } }
}

/** One exchange as the session reports it: the user's message, then a streamed answer. */
function exchange(key: string, n: number, question: string, answer: string, conversationId?: string): HostEvent[] {
  const turnId = `t-${key}-${n}`
  return [
    message(`m-${key}-${n}`, key, question),
    { type: 'turn-start', turnId, conversationKey: key, ...(conversationId ? { conversationId } : {}) },
    { type: 'turn-token', turnId, chunk: answer.slice(0, 3) },
    { type: 'turn-end', turnId, content: answer, ...(conversationId ? { conversationId } : {}) },
  ]
}

describe('HistoryStore', () => {
  it('records messages and answers, and reads them back after a restart', async () => {
    const dir = await tempDir()
    const store = await HistoryStore.open(dir, { now })
    store.record(exchange('a', 1, 'What is the time?\nIn Paris.', 'It is noon.', 'conv-a'))
    store.record([
      message('m-b-1', 'b', 'Second conversation'),
      { type: 'turn-start', turnId: 'tb', conversationKey: 'b' },
      { type: 'turn-tool-call', turnId: 'tb', toolName: 'get_weather', args: {} },
      { type: 'turn-tool-result', turnId: 'tb', result: 'sunny' },
      { type: 'turn-end', turnId: 'tb', content: 'Sunny.' },
    ])
    await store.flush()

    const reopened = await HistoryStore.open(dir, { now })
    const list = reopened.list()
    expect(list.map((c) => c.conversationKey)).toEqual(['b', 'a'])
    expect(list[1]).toMatchObject({ title: 'What is the time?', conversationId: 'conv-a', messageCount: 2, renamed: false })
    expect(reopened.messages('a')).toEqual([
      { role: 'user', text: 'What is the time?\nIn Paris.', at: expect.any(Number) },
      { role: 'assistant', text: 'It is noon.', at: expect.any(Number) },
    ])
    expect(reopened.messages('b')[1]).toMatchObject({ role: 'assistant', text: 'Sunny.', tools: ['get_weather'] })
    expect(reopened.keyFor('conv-a')).toBe('a')
  })

  it('drops a torn last line, and appends after it on a fresh line', async () => {
    const dir = await tempDir()
    const store = await HistoryStore.open(dir, { now })
    store.record(exchange('a', 1, 'Hello', 'Hi!'))
    await store.flush()
    const [file] = await readdir(dir)
    if (!file) throw new Error('no history file written')
    // A crash in the middle of a write leaves half a line.
    await appendFile(join(dir, file), '{"k":"user","id":"m-x","te')

    const logged: string[] = []
    const reopened = await HistoryStore.open(dir, { now, log: (line) => logged.push(line) })
    expect(reopened.messages('a').map((m) => m.text)).toEqual(['Hello', 'Hi!'])
    expect(logged.join('\n')).toMatch(/skipped 1 unreadable line/)
    reopened.record(exchange('a', 2, 'Still there?', 'Yes.'))
    await reopened.flush()

    const again = await HistoryStore.open(dir, { now })
    expect(again.messages('a').map((m) => m.text)).toEqual(['Hello', 'Hi!', 'Still there?', 'Yes.'])
    const text = await readFile(join(dir, file), 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    expect(text).not.toContain('m-x')
  })

  it('keeps a cut-off answer, a retried message once, and forgets a discarded one', async () => {
    const dir = await tempDir()
    const store = await HistoryStore.open(dir, { now })
    store.record([
      message('m1', 'a', 'Tell me a story'),
      { type: 'turn-start', turnId: 't1', conversationKey: 'a', messageId: 'm1' },
      // The text of a cut-off answer is what the interruption says streamed (the core's one copy), not the tokens seen here.
      { type: 'turn-token', turnId: 't1', chunk: 'Once' },
      { type: 'turn-interrupted', turnId: 't1', reason: 'interrupted', content: 'Once upon' },
      // The late `stream_end` after a stop changes nothing.
      { type: 'turn-end', turnId: 't1', content: 'Once upon a time' },
      message('m1', 'a', 'Tell me a story', 'queued'),
      message('m2', 'a', 'never sent'),
      { type: 'message-removed', id: 'm2' },
    ])
    await store.flush()
    const reopened = await HistoryStore.open(dir, { now })
    expect(reopened.messages('a')).toEqual([
      { role: 'user', text: 'Tell me a story', at: expect.any(Number) },
      { role: 'assistant', text: 'Once upon', at: expect.any(Number), interrupted: true },
    ])
  })

  it('renames, deletes to the trash, restores, and purges the trash on the next start', async () => {
    const dir = await tempDir()
    const store = await HistoryStore.open(dir, { now })
    store.record([...exchange('a', 1, 'Keep me', 'Kept.'), ...exchange('b', 1, 'Drop me', 'Dropped.', 'conv-b')])
    store.rename('a', 'My chat')
    store.delete('a')
    expect(store.list().map((c) => c.conversationKey)).toEqual(['b'])
    expect(store.restore('a')).toMatchObject({ title: 'My chat', renamed: true })
    store.delete('b')
    // A server-only conversation, deleted: a record that keeps it hidden.
    store.delete('conv-s', 'conv-s')
    expect(store.isHidden('conv-b')).toBe(true)
    await store.flush()

    const reopened = await HistoryStore.open(dir, { now })
    expect(reopened.list().map((c) => [c.conversationKey, c.title])).toEqual([['a', 'My chat']])
    expect(reopened.restore('b')).toBeUndefined()
    expect(reopened.isHidden('conv-b')).toBe(true)
    expect(reopened.isHidden('conv-s')).toBe(true)
    // Purged: only a's file and the hidden list remain.
    expect((await readdir(dir)).sort()).toEqual([expect.stringMatching(/\.jsonl$/), 'hidden.json'])
  })
})
