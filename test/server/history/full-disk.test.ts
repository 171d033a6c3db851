/**
 * The history on a full disk (a small tmpfs): a write that fails is logged and loses only its own
 * records; once space is back, appends go on, and the next start (which reads that conversation's
 * file again rather than trusting the index) finds exactly what reached the disk.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../src/server/history/store'
import { mountSmallDisk } from '../../support/full-disk'

describe('history on a full disk', () => {
  const disk = mountSmallDisk()
  if ('skip' in disk) {
    console.log(`skipped: ${disk.skip}`)
    it.skip(disk.skip, () => {})
    return
  }
  afterAll(() => disk.unmount())

  it('loses only the records whose write failed, and the index does not claim them', async () => {
    const dir = join(disk.dir, 'history')
    await mkdir(dir)
    const logs: string[] = []
    const store = await HistoryStore.open(dir, (line) => logs.push(line))
    store.create('s1', 'ann', 'mira')
    await store.appendMessage('s1', { role: 'user', content: 'before' })
    await store.flush()

    disk.fill()
    await store.appendMessage('s1', { role: 'assistant', content: `lost ${'x'.repeat(20_000)}` })
    expect(logs.some((l) => /could not save to .*s1\.jsonl: .*ENOSPC/.test(l))).toBe(true)
    disk.free()
    await store.appendMessage('s1', { role: 'user', content: 'after' })
    await store.close()

    const reopened = await HistoryStore.open(dir, () => {})
    expect((await reopened.messages('s1')).map((m) => m.content)).toEqual(['before', 'after'])
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { sessions: { messages: number }[] }
    expect(index.sessions.map((s) => s.messages)).toEqual([2])
    await reopened.close()
  })
})
