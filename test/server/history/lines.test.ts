/** Reading JSONL forward from an offset and backward from an end, against a plain split of the same text. */
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readLastLines, scanLines } from '../../../src/server/history/lines'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-lines-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Lines of many lengths (some far over one 64 KB read), with characters of 2, 3 and 4 bytes to cut across reads. */
function sampleLines(): string[] {
  const pieces = ['a', 'é', '日本語', '🙂', 'x'.repeat(7)]
  return Array.from({ length: 300 }, (_, i) => {
    const length = i % 37 === 0 ? 70_000 + i : (i * 131) % 900
    let line = `${i}:`
    for (let k = 0; line.length < length; k++) line += pieces[(i + k) % pieces.length]
    return line
  })
}

describe('history lines', () => {
  it('reads the last lines backward, across reads and multi-byte characters, oldest first', async () => {
    const lines = sampleLines()
    const file = join(dir, 'a.jsonl')
    await writeFile(file, `${lines.join('\n')}\n`)
    const { size } = await stat(file)
    for (const want of [1, 2, 37, 150, 299, 300, 1000]) {
      expect(await readLastLines(file, size, want, (line) => line)).toEqual(lines.slice(-want))
    }
    // Only lines `pick` keeps count, and nothing past `end` is read.
    const even = (line: string) => (Number(line.split(':')[0]) % 2 === 0 ? line : undefined)
    expect(await readLastLines(file, size, 5, even)).toEqual(lines.filter((l) => even(l)).slice(-5))
    await appendFile(file, 'written later\n')
    expect(await readLastLines(file, size, 1, (line) => line)).toEqual(lines.slice(-1))
  })

  it('scans forward from a line boundary and cuts off a torn last line on disk', async () => {
    const lines = sampleLines()
    const file = join(dir, 'b.jsonl')
    const head = `${lines.slice(0, 100).join('\n')}\n`
    await writeFile(file, `${head}${lines.slice(100).join('\n')}\n{"torn`)
    const seen: string[] = []
    const { end, repairedTail } = await scanLines(file, Buffer.byteLength(head), (line) => seen.push(line))
    expect(seen).toEqual(lines.slice(100))
    expect(repairedTail).toBe(true)
    const text = await readFile(file, 'utf8')
    expect(text).toBe(`${lines.join('\n')}\n`)
    expect(end).toBe(Buffer.byteLength(text))
  })
})
