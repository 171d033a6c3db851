/**
 * The history is read lazily: a start reads a summary of each conversation (index.json, plus what
 * was appended since it was saved), messages are read from the file when asked for, and the last
 * ones of recent conversations stay in a bounded cache. A data folder of the first layout (no
 * index) still opens.
 */
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as lines from '../../../src/server/history/lines'
import { HistoryStore } from '../../../src/server/history/store'

let dir: string
const logs: string[] = []
const log = (line: string): void => void logs.push(line)
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-lazy-'))
  logs.length = 0
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

const AT = '2026-01-01T00:00:00.000Z'
const header = (id: string, title: string) =>
  JSON.stringify({ kind: 'session', session_id: id, user_id: 'ann', agent_id: 'mira', created_at: AT, metadata: { title } })
const message = (content: string, role = 'user', at = AT) => JSON.stringify({ kind: 'message', role, content, at })

/** A history folder as the first layout wrote it: only `<id>.jsonl` files, no index. */
async function oldFolder(): Promise<void> {
  const long = [header('long', 'Long'), ...Array.from({ length: 500 }, (_, i) => message(`m${i} ${'·'.repeat(i % 50)}`, i % 2 ? 'assistant' : 'user'))]
  await writeFile(join(dir, 'long.jsonl'), `${long.join('\n')}\n`)
  const short = [header('short', 'Short'), message('hi', 'user', '2026-01-02T00:00:00.000Z'), JSON.stringify({ kind: 'metadata', metadata: { pinned: true }, at: '2026-01-03T00:00:00.000Z' })]
  await writeFile(join(dir, 'short.jsonl'), `${short.join('\n')}\n`)
}

describe('lazy history', () => {
  it('opens a folder of the first layout, writes its index, and reads it alone at the next start', async () => {
    await oldFolder()
    const first = await HistoryStore.open(dir, log)
    expect(first.listSessions('ann', 'mira')).toEqual([
      expect.objectContaining({ session_id: 'short', updated_at: '2026-01-03T00:00:00.000Z', metadata: { title: 'Short', pinned: true } }),
      expect.objectContaining({ session_id: 'long', metadata: { title: 'Long' } }),
    ])
    expect((await first.messages('long', 3)).map((m) => m.content.split(' ')[0])).toEqual(['m497', 'm498', 'm499'])
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { sessions: { header: { session_id: string }; messages: number }[] }
    expect(index.sessions.map((s) => [s.header.session_id, s.messages]).sort()).toEqual([['long', 500], ['short', 1]])

    const scans = vi.spyOn(lines, 'scanLines')
    const second = await HistoryStore.open(dir, log)
    expect(scans).not.toHaveBeenCalled()
    expect(second.listSessions('ann', 'mira')).toEqual(first.listSessions('ann', 'mira'))
    expect(await second.messages('long')).toHaveLength(500)
  })

  it('after a crash (the index saved before the last writes), reads only what was appended since', async () => {
    const store = await HistoryStore.open(dir, log)
    store.create('s1', 'ann', 'mira', { title: 'One' })
    await store.appendMessage('s1', { role: 'user', content: 'saved in the index' })
    await store.flush()
    const indexed = (await readFile(join(dir, 's1.jsonl'))).length
    // Written, fsync'ed, then kill -9 before the index was saved again (and a torn line from a write cut short).
    await store.appendMessage('s1', { role: 'assistant', content: 'after the index' })
    store.updateMetadata('s1', { title: 'Renamed' })
    await store.durable('s1')
    await appendFile(join(dir, 's1.jsonl'), '{"kind":"message","role":"user","content":"to')

    const scans = vi.spyOn(lines, 'scanLines')
    const reopened = await HistoryStore.open(dir, log)
    expect(scans.mock.calls.map((call) => call[1])).toEqual([indexed])
    expect(logs.some((l) => l.includes('partial last line'))).toBe(true)
    expect(reopened.listSessions('ann', 'mira')).toEqual([expect.objectContaining({ session_id: 's1', metadata: { title: 'Renamed' } })])
    expect((await reopened.messages('s1')).map((m) => m.content)).toEqual(['saved in the index', 'after the index'])
  })

  it('reads a whole file again when it changed other than by appending, or when the index is damaged', async () => {
    await oldFolder()
    await (await HistoryStore.open(dir, log)).flush()
    const file = join(dir, 'short.jsonl')
    // Same lines, one message edited: longer, but no longer what the index saw.
    await writeFile(file, (await readFile(file, 'utf8')).replace('"hi"', '"hello again"'))
    const scans = vi.spyOn(lines, 'scanLines')
    const edited = await HistoryStore.open(dir, log)
    expect(scans.mock.calls.map((call) => [call[0].endsWith('short.jsonl'), call[1]])).toEqual([[true, 0]])
    expect((await edited.messages('short')).map((m) => m.content)).toEqual(['hello again'])

    await writeFile(join(dir, 'index.json'), '{"version":1,"sessions":[{"header":')
    const repaired = await HistoryStore.open(dir, log)
    expect(logs.some((l) => /index\.json is damaged/.test(l))).toBe(true)
    expect(repaired.listSessions('ann', 'mira').map((s) => s.session_id)).toEqual(['short', 'long'])
    expect(await repaired.messages('long')).toHaveLength(500)
  })

  it('reads messages only when asked, then from the cache, with what is appended meanwhile', async () => {
    await oldFolder()
    const store = await HistoryStore.open(dir, log)
    const reads = vi.spyOn(lines, 'readLastLines')
    // Read while a message is appended: the answer is the window as it was when asked.
    const asked = store.messages('long', 2)
    const appended = store.appendMessage('long', { role: 'user', content: 'new' })
    expect((await asked).map((m) => m.content.split(' ')[0])).toEqual(['m498', 'm499'])
    expect(reads).toHaveBeenCalledTimes(1)
    expect((await store.messages('long', 3)).map((m) => m.content.split(' ')[0])).toEqual(['m498', 'm499', 'new'])
    expect(reads).toHaveBeenCalledTimes(1)
    await appended
    // More than the cache holds of it: read again, and the same as a fresh start reads.
    const all = await store.messages('long')
    expect(reads).toHaveBeenCalledTimes(2)
    expect(all).toHaveLength(501)
    expect(await (await HistoryStore.open(dir, log)).messages('long')).toEqual(all)
    // A new conversation is known whole: never read.
    reads.mockClear()
    store.create('fresh', 'ann', 'mira')
    void store.appendMessage('fresh', { role: 'user', content: 'first' })
    expect(await store.messages('fresh')).toEqual([{ role: 'user', content: 'first' }])
    expect(reads).not.toHaveBeenCalled()
  })

  it('keeps a bounded cache: the least recently used conversation is read again', async () => {
    await oldFolder()
    const store = await HistoryStore.open(dir, log, { cache: { messages: 50, conversations: 1, chars: 1_000_000 } })
    const reads = vi.spyOn(lines, 'readLastLines')
    await store.messages('long', 10)
    await store.messages('long', 10)
    expect(reads).toHaveBeenCalledTimes(1)
    await store.messages('short', 10)
    await store.messages('long', 10)
    expect(reads).toHaveBeenCalledTimes(3)
    // Fewer messages than asked for are held of it (50 of 500): the file is read.
    expect(await store.messages('long', 60)).toHaveLength(60)
    expect(reads).toHaveBeenCalledTimes(4)
  })
})
