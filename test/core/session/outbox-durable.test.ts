/**
 * A message is acknowledged (`submit` resolves `queued`) only once it is on disk; a write that
 * fails (a full disk) leaves the message `failed`, saying why.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Outbox } from '../../../src/main/core/session/outbox'
import { mountSmallDisk } from '../../support/full-disk'
import { harness } from './session-harness'

describe('ChatSession.submit', () => {
  const disk = mountSmallDisk()
  if ('skip' in disk) {
    console.log(`skipped: ${disk.skip}`)
    it.skip(disk.skip, () => {})
    return
  }
  afterAll(() => disk.unmount())

  it('answers queued with the message already on disk, and failed when the disk is full', async () => {
    const file = join(disk.dir, 'outbox.json')
    const h = await harness({ state: 'offline', outbox: await Outbox.open(file) })
    const [a, b] = await Promise.all([h.session.submit({ text: 'first' }), h.session.submit({ text: 'second' })])
    expect([a.state, b.state]).toEqual(['queued', 'queued'])
    const saved = JSON.parse(await readFile(file, 'utf8')) as { messages: { id: string }[] }
    expect(saved.messages.map((m) => m.id)).toEqual([a.id, b.id])

    disk.fill()
    const lost = await h.session.submit({ text: 'on a full disk' })
    expect(lost).toMatchObject({ state: 'failed', reasonCode: 'messageNotSaved' })
    expect(lost.reason).toMatch(/^Could not be saved: .*ENOSPC/)
    expect(h.states('on a full disk').at(-1)).toBe('failed')
    disk.free()
  })
})
