/**
 * History writes are batched (records arriving while a write is under way share the next one:
 * one open and synced write), and durability is kept: an append resolves once its record is on
 * disk, and a turn's `stream_end` is sent only once its messages are on disk.
 */
import { constants } from 'node:fs'
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppendFile } from '../../../src/server/history/jsonl'
import { HistoryStore } from '../../../src/server/history/store'
import { RawClient } from '../support/raw-client'
import { startTestServer, type TestServer } from '../support/server'

const dirs: string[] = []
let server: TestServer | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await server?.stop()
  server = undefined
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

const lines = async (file: string): Promise<{ kind: string; content?: string }[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: string; content?: string })

describe('history writes', () => {
  it('batches the records of one tick into one durable write, and resolves each append once it is on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mira-batch-'))
    dirs.push(dir)
    const appends = vi.spyOn(AppendFile.prototype, 'append')
    const store = await HistoryStore.open(dir, () => {})
    store.create('s1', 'ann', 'mira')
    const acks = Array.from({ length: 10 }, (_, i) => store.appendMessage('s1', { role: i % 2 ? 'assistant' : 'user', content: `m${i}` }))
    await acks.at(-1)
    // Acknowledged: on disk now, without a flush.
    const written = await lines(join(dir, 's1.jsonl'))
    expect(written.map((r) => r.content ?? r.kind)).toEqual(['session', ...Array.from({ length: 10 }, (_, i) => `m${i}`)])
    // The header's write was under way; the ten messages went together in the next one.
    expect(appends.mock.calls.length).toBeGreaterThanOrEqual(1)
    expect(appends.mock.calls.length).toBeLessThanOrEqual(2)
  })

  it('makes each write durable as it is written (O_DSYNC: no separate fdatasync request)', async (ctx) => {
    if (process.platform !== 'linux' || constants.O_DSYNC === undefined) {
      console.log('skipped: open file flags are read from /proc/self/fdinfo, which only Linux has')
      ctx.skip()
    }
    const dir = await mkdtemp(join(tmpdir(), 'mira-dsync-'))
    dirs.push(dir)
    const file = new AppendFile(join(dir, 's1.jsonl'), 0)
    await file.append(['{"kind":"message","role":"user","content":"kept on disk when this resolves"}'])
    // The file's own descriptor, found by the path it points at.
    let flags: number | undefined
    for (const fd of await readdir('/proc/self/fd')) {
      const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '')
      if (target !== join(dir, 's1.jsonl')) continue
      const info = await readFile(`/proc/self/fdinfo/${fd}`, 'utf8')
      flags = Number.parseInt(/^flags:\s*([0-7]+)/m.exec(info)?.[1] ?? '', 8)
    }
    await file.close()
    expect(flags).toBeDefined()
    expect((flags ?? 0) & constants.O_DSYNC).toBe(constants.O_DSYNC)
    expect((flags ?? 0) & constants.O_APPEND).toBe(constants.O_APPEND)
  })

  it('sends stream_end only once the turn is on disk', async () => {
    // A slow disk: each write takes a while (the answer must wait for it, however long it takes).
    const append = AppendFile.prototype.append
    vi.spyOn(AppendFile.prototype, 'append').mockImplementation(async function (this: AppendFile, lines) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return append.call(this, lines)
    })
    server = await startTestServer()
    const client = await RawClient.authorized(server.url)
    try {
      client.send({ type: 'chat_message', content: 'thanks', user_id: 'ann', agent_id: 'mira' })
      const end = await client.waitFor((f) => f.type === 'stream_end', { timeoutMs: 30_000 })
      const file = join(server.dataDir, 'history', `${String(end.conversation_id)}.jsonl`)
      const records = await lines(file)
      expect(records.filter((r) => r.kind === 'message').map((r) => r.content)).toEqual(['thanks', end.content])
    } finally {
      await client.close()
    }
  })
})
