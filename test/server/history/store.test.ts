/** The STM store: survives restarts, a torn last line (kill -9 mid-write) and damaged lines. */
import { appendFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../src/server/history/store'

let dir: string
const logs: string[] = []
const log = (line: string): void => void logs.push(line)
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-history-'))
  logs.length = 0
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function seeded(): Promise<void> {
  const store = await HistoryStore.open(dir, log)
  store.create('s1', 'ann', 'mira', { title: 'First' })
  store.appendMessage('s1', { role: 'user', content: 'hello' })
  store.appendMessage('s1', { role: 'assistant', content: 'hi there', turnId: 't1' })
  store.appendMessage('s1', { role: 'user', content: 'second' })
  store.appendMessage('s1', { role: 'assistant', content: 'cut off', interrupted: true })
  await store.flush()
}

describe('HistoryStore', () => {
  it('survives a restart with every message, its order and the metadata', async () => {
    await seeded()
    const reopened = await HistoryStore.open(dir, log)
    expect(await reopened.messages('s1')).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'hi there' },
      { role: 'user', content: 'second' },
      { role: 'assistant', content: 'cut off', interrupted: true },
    ])
    expect((await reopened.messages('s1', 2)).map((m) => m.content)).toEqual(['second', 'cut off'])
    expect(reopened.listSessions('ann', 'mira')).toEqual([
      expect.objectContaining({ session_id: 's1', metadata: { title: 'First' } }),
    ])
    expect(reopened.listSessions('bob', 'mira')).toEqual([])
  })

  it('drops a torn last line (a write cut by kill -9), keeps earlier turns, and appends cleanly after it', async () => {
    await seeded()
    const file = join(dir, 's1.jsonl')
    await appendFile(file, '{"kind":"message","role":"user","content":"half wri')
    const reopened = await HistoryStore.open(dir, log)
    expect(await reopened.messages('s1')).toHaveLength(4)
    expect(logs.some((l) => l.includes('partial last line'))).toBe(true)
    expect((await readFile(file, 'utf8')).endsWith('\n')).toBe(true)

    reopened.appendMessage('s1', { role: 'user', content: 'after the crash' })
    await reopened.flush()
    const again = await HistoryStore.open(dir, log)
    expect((await again.messages('s1')).at(-1)).toEqual({ role: 'user', content: 'after the crash' })
    expect(await again.messages('s1')).toHaveLength(5)
  })

  it('cuts off a line torn while it runs (a write failed on a full disk) before the next append', async () => {
    const store = await HistoryStore.open(dir, log)
    store.create('s1', 'ann', 'mira')
    await store.appendMessage('s1', { role: 'user', content: 'before' })
    const file = join(dir, 's1.jsonl')
    // What a write cut short by ENOSPC leaves: part of a record, no newline.
    await appendFile(file, `{"kind":"message","role":"assistant","content":"${'x'.repeat(100_000)}`)
    await store.appendMessage('s1', { role: 'assistant', content: 'after space came back' })
    expect(logs.some((l) => l.includes('partial last line'))).toBe(true)
    const text = await readFile(file, 'utf8')
    expect(text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { kind: string }).map((r) => r.kind)).toEqual(['session', 'message', 'message'])
    const reopened = await HistoryStore.open(dir, log)
    expect(await reopened.messages('s1')).toEqual([
      { role: 'user', content: 'before' },
      { role: 'assistant', content: 'after space came back' },
    ])
  })

  it('skips a folder and a dangling link named like a session, says so, and keeps the rest', async () => {
    await seeded()
    await mkdir(join(dir, 'folder.jsonl'))
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling.jsonl'))
    const reopened = await HistoryStore.open(dir, log)
    expect(await reopened.messages('s1')).toHaveLength(4)
    expect(logs.filter((l) => /cannot be read, skipped/.test(l)).map((l) => l.split(' ')[1])).toEqual(expect.arrayContaining(['dangling.jsonl', 'folder.jsonl']))
  })

  it('skips damaged lines in the middle and ignores files without a valid header', async () => {
    await seeded()
    const file = join(dir, 's1.jsonl')
    const lines = (await readFile(file, 'utf8')).split('\n')
    lines.splice(2, 0, '{oops', '{"kind":"message","role":"robot","content":1,"at":"x"}')
    await writeFile(file, lines.join('\n'))
    await writeFile(join(dir, 'stray.jsonl'), '{"kind":"message","role":"user","content":"x","at":"y"}\n')
    await writeFile(join(dir, 's2.jsonl'), '')
    const reopened = await HistoryStore.open(dir, log)
    expect(await reopened.messages('s1')).toHaveLength(4)
    expect(reopened.has('stray')).toBe(false)
    expect(logs.some((l) => /skipped 2 unreadable/.test(l))).toBe(true)
  })

  it('refuses session ids that are not safe file names', async () => {
    const store = await HistoryStore.open(dir, log)
    expect(() => store.create('../escape', 'ann', 'mira')).toThrow(/Invalid session id/)
    store.create('ok-id_1', 'ann', 'mira')
    expect(() => store.create('ok-id_1', 'ann', 'mira')).toThrow(/exists/)
  })
})
