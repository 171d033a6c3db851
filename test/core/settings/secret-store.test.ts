import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileSecretStore, type SecretCodec } from '../../../src/main/core/settings/secret-store'

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
    expect(plain.problem).toMatch(/"reversed" storage, not "plain"/)
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
