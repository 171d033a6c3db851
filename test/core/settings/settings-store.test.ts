import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HostError } from '../../../src/shared/host/commands'
import { defaultSettings, type Settings } from '../../../src/shared/settings'
import { migrateSettings } from '../../../src/main/core/settings/migrations'
import { SettingsStore } from '../../../src/main/core/settings/settings-store'

let dir: string
let file: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-settings-'))
  file = join(dir, 'settings.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const onDisk = async (): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'))

describe('SettingsStore', () => {
  it('writes the defaults when the file is missing', async () => {
    const store = await SettingsStore.open(file)
    expect(store.get()).toEqual(defaultSettings())
    expect(store.recoveredFrom).toBeUndefined()
    expect(await onDisk()).toEqual(defaultSettings())
  })

  it('loads what it saved, merging the server object', async () => {
    const store = await SettingsStore.open(file)
    const changes: Settings[] = []
    store.on('changed', (s) => changes.push(s))
    const updated = await store.update({ server: { mode: 'custom' }, agentId: 'kira' })
    expect(updated.server).toEqual({ ...defaultSettings().server, mode: 'custom' })
    await store.update({ server: { url: 'example.org:9000' } })
    expect(changes).toHaveLength(2)
    const reopened = await SettingsStore.open(file)
    expect(reopened.get().agentId).toBe('kira')
    expect(reopened.get().server).toMatchObject({ mode: 'custom', url: 'ws://example.org:9000/v1/chat/stream' })
  })

  it('rejects bad values with a clear message and keeps the old settings', async () => {
    const store = await SettingsStore.open(file)
    const changes: Settings[] = []
    store.on('changed', (s) => changes.push(s))
    const bad = store.update({ historyLimit: 0 })
    await expect(bad).rejects.toBeInstanceOf(HostError)
    await expect(bad).rejects.toThrow(/historyLimit: .*>=1/)
    // Bypassing the types, as a wrong caller would: validated all the same.
    await expect(store.update({ server: { url: 'ftp://x' } } as never)).rejects.toThrow(/server\.url: .*ws:\/\//)
    await expect(store.update({ agentId: '   ' })).rejects.toThrow(/agentId: Must not be empty/)
    expect(store.get()).toEqual(defaultSettings())
    expect(await onDisk()).toEqual(defaultSettings())
    expect(changes).toHaveLength(0)
  })

  it('applies concurrent updates one after the other', async () => {
    const store = await SettingsStore.open(file)
    await Promise.all([store.update({ agentId: 'a' }), store.update({ userId: 'u' }), store.update({ theme: 'dark' })])
    expect(store.get()).toMatchObject({ agentId: 'a', userId: 'u', theme: 'dark' })
    expect(await onDisk()).toMatchObject({ agentId: 'a', userId: 'u', theme: 'dark' })
  })

  it('leaves no temp files behind', async () => {
    const store = await SettingsStore.open(file)
    for (let i = 1; i <= 5; i++) await store.update({ historyLimit: i })
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('resets to the defaults', async () => {
    const store = await SettingsStore.open(file)
    await store.update({ theme: 'dark' })
    expect(await store.reset()).toEqual(defaultSettings())
    expect(await onDisk()).toEqual(defaultSettings())
  })

  it('moves a corrupt file aside and uses the defaults', async () => {
    await writeFile(file, '{ "version": 1, "agentId": ')
    const store = await SettingsStore.open(file)
    expect(store.get()).toEqual(defaultSettings())
    expect(store.recoveredFrom).toMatch(/settings\.corrupt-.*\.json$/)
    expect(store.recoveryReason).toMatch(/Not valid JSON/)
    expect(await readFile(store.recoveredFrom ?? '', 'utf8')).toBe('{ "version": 1, "agentId": ')
    expect((await readdir(dir)).sort()).toEqual([basename(store.recoveredFrom ?? ''), 'settings.json'].sort())
    expect(await onDisk()).toEqual(defaultSettings())
  })

  it('moves a file that fails the schema aside', async () => {
    await writeFile(file, JSON.stringify({ version: 1, historyLimit: 'many' }))
    const store = await SettingsStore.open(file)
    expect(store.recoveredFrom).toBeDefined()
    expect(store.recoveryReason).toMatch(/historyLimit/)
    expect(JSON.parse(await readFile(store.recoveredFrom ?? '', 'utf8'))).toEqual({ version: 1, historyLimit: 'many' })
  })

  it('never rewrites a file from a newer app version: read-only, changes kept in memory', async () => {
    const newer = { version: 99, agentId: 'from-the-future', somethingNew: { a: 1 } }
    await writeFile(file, JSON.stringify(newer))
    const store = await SettingsStore.open(file)
    expect(store.recoveredFrom).toBeUndefined()
    expect(store.readOnly).toBe(
      'The settings file is from a newer version of Mira (settings version 99): it is used read-only, and changes are not saved',
    )
    expect(store.get().agentId).toBe('from-the-future')
    await store.update({ theme: 'dark' })
    expect(store.get().theme).toBe('dark')
    expect(await onDisk()).toEqual(newer)
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('starts with the defaults when settings.json is a directory, and leaves it alone', async () => {
    await mkdir(file)
    const store = await SettingsStore.open(file)
    expect(store.get()).toEqual(defaultSettings())
    expect(store.readOnly).toMatch(/^The settings file .*settings\.json cannot be read \(EISDIR.*\): defaults are in use, and changes are not saved$/)
    await store.update({ theme: 'dark' })
    expect(store.get().theme).toBe('dark')
    expect((await stat(file)).isDirectory()).toBe(true)
  })

  it('migrates a v0 file (flat serverUrl, no version) to v1 and saves it', async () => {
    await writeFile(file, JSON.stringify({ serverUrl: 'http://10.0.0.5:5500', agentId: 'old-agent', theme: 'dark' }))
    const store = await SettingsStore.open(file)
    expect(store.recoveredFrom).toBeUndefined()
    const expected = {
      ...defaultSettings(),
      agentId: 'old-agent',
      theme: 'dark',
      server: { ...defaultSettings().server, mode: 'custom', url: 'ws://10.0.0.5:5500/v1/chat/stream' },
    }
    expect(store.get()).toEqual(expected)
    expect(await onDisk()).toEqual(expected)
  })
})

describe('migrateSettings', () => {
  it('runs every step up to the current version and refuses gaps', () => {
    expect(migrateSettings({ version: 1, agentId: 'x' })).toEqual({ doc: { version: 1, agentId: 'x' }, migrated: false })
    expect(migrateSettings({ agentId: 'x' }).doc).toEqual({ agentId: 'x', version: 1, server: {} })
    expect(() => migrateSettings({}, {})).toThrow(/No migration from settings version 0/)
    expect(() => migrateSettings({ version: 'one' })).toThrow(/Invalid settings version/)
    expect(() => migrateSettings([])).toThrow(/not a JSON object/)
  })
})
