import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { moveAside, readJsonFile, writeFileAtomic } from '../../../src/main/core/fs/atomic-write'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-atomic-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomic', () => {
  it('creates missing directories and replaces the content whole', async () => {
    const file = join(dir, 'a', 'b', 'data.json')
    await writeFileAtomic(file, 'first')
    await writeFileAtomic(file, new TextEncoder().encode('second'))
    expect(await readFile(file, 'utf8')).toBe('second')
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['data.json'])
  })

  it('lands concurrent writes in call order', async () => {
    const file = join(dir, 'data.txt')
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(file, `v${i}`.repeat(1000 - i * 40))))
    expect(await readFile(file, 'utf8')).toBe('v19'.repeat(1000 - 19 * 40))
    expect(await readdir(dir)).toEqual(['data.txt'])
  })

  it('removes its temp file when the write fails', async () => {
    // The target is a directory: the rename fails after the temp file was written.
    const target = join(dir, 'taken')
    await writeFileAtomic(join(target, 'inner'), 'x')
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['taken'])
  })
})

describe('readJsonFile and moveAside', () => {
  it('tells missing, corrupt and ok apart', async () => {
    const file = join(dir, 'x.json')
    expect(await readJsonFile(file)).toEqual({ kind: 'missing' })
    await writeFile(file, '{')
    expect((await readJsonFile(file)).kind).toBe('corrupt')
    await writeFile(file, '{"a":1}')
    expect(await readJsonFile(file)).toEqual({ kind: 'ok', value: { a: 1 } })
  })

  it('never overwrites an earlier rescued file', async () => {
    const file = join(dir, 'x.json')
    const when = new Date('2025-01-02T03:04:05.678Z')
    await writeFile(file, 'one')
    const first = await moveAside(file, when)
    await writeFile(file, 'two')
    const second = await moveAside(file, when)
    expect(first).toBe(join(dir, 'x.corrupt-2025-01-02T03-04-05-678Z.json'))
    expect(second).toBe(join(dir, 'x.corrupt-2025-01-02T03-04-05-678Z-1.json'))
    expect(await readFile(first, 'utf8')).toBe('one')
    expect(await readFile(second, 'utf8')).toBe('two')
    expect((await readdir(dir)).sort()).toEqual(['x.corrupt-2025-01-02T03-04-05-678Z-1.json', 'x.corrupt-2025-01-02T03-04-05-678Z.json'])
  })
})
