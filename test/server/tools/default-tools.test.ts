import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createDefaultTools, createToolRegistry, defineTool } from '../../../src/server/tools'
import { NotesStore } from '../../../src/server/tools/notes'
import type { ToolContext, ToolRegistry } from '../../../src/server/tools/types'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mira-tools-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const contextFor = (userId: string): ToolContext => ({ userId, agentId: 'mira', conversationId: 'c', signal: new AbortController().signal })

function run(tools: ToolRegistry, name: string, args: unknown, userId = 'alice'): Promise<unknown> {
  const tool = tools.get(name)
  if (!tool) throw new Error(`no tool ${name}`)
  return tool.run(args, contextFor(userId))
}

describe('createDefaultTools', () => {
  it('offers the built-in tools with JSON Schema parameters', () => {
    const tools = createDefaultTools({ dataDir })
    expect(tools.list().map((tool) => tool.name)).toEqual(['get_current_time', 'calculator', 'remember_note', 'recall_notes'])
    for (const tool of tools.list()) expect(tool.parameters).toMatchObject({ type: 'object' })
  })

  it('get_current_time answers for local time and a named zone, and rejects unknown zones', async () => {
    const tools = createDefaultTools({ dataDir, now: () => new Date('2025-03-04T05:06:07Z') })
    expect(await run(tools, 'get_current_time', { timezone: 'Asia/Kolkata' })).toEqual({
      iso: '2025-03-04T05:06:07.000Z',
      local: '2025-03-04T10:36:07+05:30',
      text: 'Tuesday, March 4, 2025 at 10:36:07 AM GMT+5:30',
      timezone: 'Asia/Kolkata',
      utcOffset: '+05:30',
    })
    expect(await run(tools, 'get_current_time', { timezone: 'America/New_York' })).toMatchObject({ local: '2025-03-04T00:06:07-05:00' })
    const local = await run(tools, 'get_current_time', { timezone: null })
    expect(local).toMatchObject({ iso: '2025-03-04T05:06:07.000Z', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone })
    expect(await run(tools, 'get_current_time', { timezone: 'Mars/Olympus' })).toEqual({
      error: 'Unknown time zone "Mars/Olympus"; use an IANA name such as "America/New_York"',
    })
  })
})

describe('notes', () => {
  it('are remembered per user and recalled by a new registry (a restart)', async () => {
    const first = createDefaultTools({ dataDir, now: () => new Date('2025-01-01T00:00:00Z') })
    expect(await run(first, 'remember_note', { text: 'Likes green tea' })).toMatchObject({ saved: true, alreadyKnown: false, count: 1 })
    expect(await run(first, 'remember_note', { text: 'Has a cat named Miso' })).toMatchObject({ count: 2 })
    expect(await run(first, 'remember_note', { text: 'Likes green tea' })).toMatchObject({ alreadyKnown: true, count: 2 })
    await run(first, 'remember_note', { text: 'Prefers coffee' }, 'bob')

    const second = createDefaultTools({ dataDir })
    expect(await run(second, 'recall_notes', {})).toEqual({
      notes: [
        { text: 'Likes green tea', createdAt: '2025-01-01T00:00:00.000Z' },
        { text: 'Has a cat named Miso', createdAt: '2025-01-01T00:00:00.000Z' },
      ],
      total: 2,
    })
    expect(await run(second, 'recall_notes', { query: 'CAT miso' })).toMatchObject({ notes: [{ text: 'Has a cat named Miso' }], total: 1 })
    expect(await run(second, 'recall_notes', { query: 'tea', limit: null })).toMatchObject({ total: 1 })
    expect(await run(second, 'recall_notes', { limit: 1 })).toMatchObject({ notes: [{ text: 'Has a cat named Miso' }], total: 2 })
    expect(await run(second, 'recall_notes', {}, 'bob')).toMatchObject({ notes: [{ text: 'Prefers coffee' }], total: 1 })
    expect(await run(second, 'recall_notes', {}, 'carol')).toEqual({ notes: [], total: 0 })
  })

  it('validates arguments into error results', async () => {
    const tools = createDefaultTools({ dataDir })
    expect(await run(tools, 'remember_note', { text: '   ' })).toEqual({ error: expect.stringMatching(/^Invalid arguments: text: /) })
    expect(await run(tools, 'remember_note', { text: 'x'.repeat(1_001) })).toMatchObject({ error: expect.any(String) })
    expect(await run(tools, 'recall_notes', { limit: 0 })).toMatchObject({ error: expect.stringMatching(/^Invalid arguments: limit: /) })
  })

  it('keep concurrent saves, write atomically, and stay bounded', async () => {
    const store = new NotesStore({ dataDir, maxNotesPerUser: 5, maxUsers: 2 })
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.add('alice', `note ${i}`)))
    const { notes, total } = await store.list('alice')
    expect(total).toBe(5)
    expect(notes.map((note) => note.text)).toEqual(['note 3', 'note 4', 'note 5', 'note 6', 'note 7'])
    expect(await readdir(dataDir)).toEqual(['notes.json'])
    await store.add('bob', 'hello')
    await expect(store.add('carol', 'hi')).rejects.toThrow('The notes storage is full')
  })

  it('move an unreadable file aside instead of overwriting it', async () => {
    await writeFile(join(dataDir, 'notes.json'), '{"version": 1, "users": {"alice": "oops"}}')
    const lines: string[] = []
    const tools = createDefaultTools({ dataDir, now: () => new Date(1_000), log: (line) => lines.push(line) })
    expect(await run(tools, 'recall_notes', {})).toEqual({ notes: [], total: 0 })
    expect(await run(tools, 'remember_note', { text: 'fresh start' })).toMatchObject({ saved: true })
    expect((await readdir(dataDir)).sort()).toEqual(['notes.json', 'notes.json.corrupt-1000'])
    expect(await readFile(join(dataDir, 'notes.json.corrupt-1000'), 'utf8')).toContain('oops')
    expect(lines[0]).toMatch(/was unreadable; moved it to .*notes\.json\.corrupt-1000/)
  })
})

describe('defineTool and the registry', () => {
  it('turns thrown errors into error results and refuses duplicate names', async () => {
    const broken = defineTool({
      name: 'broken',
      description: 'always fails',
      args: z.object({}),
      run: () => {
        throw new Error('disk on fire')
      },
    })
    expect(await broken.run(undefined, contextFor('a'))).toEqual({ error: 'broken failed: disk on fire' })
    expect(() => createToolRegistry([broken, broken])).toThrow('Duplicate tool name "broken"')
  })
})
