import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileSecretStore, type SecretCodec } from '../../../src/main/core/settings/secret-store'
import { SERVER_TOKEN_SECRET, saveServerToken, savedTokenFor } from '../../../src/main/core/settings/server-token'
import { mountSmallDisk } from '../../support/full-disk'

let dir: string
let file: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-secrets-'))
  file = join(dir, 'secrets.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const posix = process.platform !== 'win32'
const modeOf = async (path: string) => (await stat(path)).mode & 0o777

/** Reversible and visibly different from the plain text, like an encrypting codec. */
const reversed: SecretCodec = {
  name: 'reversed',
  encode: (v) => [...v].reverse().join(''),
  decode: (t) => [...t].reverse().join(''),
}

describe('FileSecretStore', () => {
  it('stores, reloads and deletes secrets', async () => {
    const store = await FileSecretStore.open(file)
    expect(await store.get('token')).toBeUndefined()
    await store.set('token', 's3cret')
    await store.set('other', 'x')
    const reopened = await FileSecretStore.open(file)
    expect(await reopened.get('token')).toBe('s3cret')
    await reopened.set('token', null)
    expect(await (await FileSecretStore.open(file)).get('token')).toBeUndefined()
    expect(await (await FileSecretStore.open(file)).get('other')).toBe('x')
    expect(await readdir(dir)).toEqual(['secrets.json'])
  })

  it.runIf(posix)('writes the file with mode 0600, and repairs a wider mode on open', async () => {
    const store = await FileSecretStore.open(file)
    await store.set('token', 'abc')
    expect(await modeOf(file)).toBe(0o600)
    await chmod(file, 0o644)
    const reopened = await FileSecretStore.open(file)
    expect(await modeOf(file)).toBe(0o600)
    expect(await reopened.get('token')).toBe('abc')
  })

  it('passes values through the codec and records which codec wrote them', async () => {
    const store = await FileSecretStore.open(file, { codec: reversed })
    await store.set('token', 'abc')
    const raw = JSON.parse(await readFile(file, 'utf8'))
    expect(raw).toEqual({ version: 1, encoding: 'reversed', secrets: { token: 'cba' } })
    expect(await (await FileSecretStore.open(file, { codec: reversed })).get('token')).toBe('abc')
  })

  it('never decodes with the wrong codec', async () => {
    await (await FileSecretStore.open(file, { codec: reversed })).set('token', 'abc')
    const plain = await FileSecretStore.open(file)
    expect(await plain.get('token')).toBeUndefined()
    expect(plain.problem).toMatch(/unavailable in this mode.*token \(reversed\)/)
  })

  it('moves an unreadable file aside', async () => {
    await writeFile(file, 'not json')
    const store = await FileSecretStore.open(file)
    expect(store.problem).toMatch(/secrets\.corrupt-.*\.json/)
    expect(await store.get('token')).toBeUndefined()
    await store.set('token', 'new')
    expect((await readdir(dir)).length).toBe(2)
  })
})

describe('FileSecretStore shared by two storages (the Electron app and web mode)', () => {
  it('keeps the secrets it cannot read, says so, and gives them back to their storage', async () => {
    const electron = await FileSecretStore.open(file, { codec: reversed })
    await electron.set('server-token', 'app-token')
    await electron.set('companion-api-key', 'sk-app')

    const web = await FileSecretStore.open(file)
    expect(await web.get('server-token')).toBeUndefined()
    expect(web.problem).toBe(
      'Saved secrets stored by another storage are unavailable in this mode (kept for it): server-token (reversed), companion-api-key (reversed)',
    )
    await web.set('builtin-token', 'web-token')

    const again = await FileSecretStore.open(file, { codec: reversed })
    expect(await again.get('server-token')).toBe('app-token')
    expect(await again.get('companion-api-key')).toBe('sk-app')
    expect(again.problem).toMatch(/builtin-token \(plain\)/)
    await again.set('server-token', 'app-token-2')
    const webAgain = await FileSecretStore.open(file)
    expect(await webAgain.get('builtin-token')).toBe('web-token')
    expect(await (await FileSecretStore.open(file, { codec: reversed })).get('server-token')).toBe('app-token-2')
  })
})

describe('FileSecretStore on a full disk', () => {
  const disk = mountSmallDisk()
  if ('skip' in disk) {
    it.skip(disk.skip, () => {})
    console.log(`skipped: ${disk.skip}`)
    return
  }
  afterAll(() => disk.unmount())

  it('keeps a saved token when a write fails, and the next write still has it', async () => {
    const path = join(disk.dir, 'secrets.json')
    const store = await FileSecretStore.open(path)
    const url = 'ws://127.0.0.1:5500/v1/chat/stream'
    await saveServerToken(store, 'old-token', url)
    disk.fill()
    await expect(saveServerToken(store, 'new-token', url)).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await savedTokenFor(store, url)).toBe('old-token')
    disk.free()
    await store.set('other', 'x')
    const reopened = await FileSecretStore.open(path)
    expect(await reopened.get(SERVER_TOKEN_SECRET)).toBe('old-token')
    expect(await reopened.get('other')).toBe('x')
  })
})
