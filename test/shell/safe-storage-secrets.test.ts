import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chooseSecretCodec, openShellSecretStore, type SafeStorageLike } from '../../src/main/shell/safe-storage-secrets'

/** A stand-in for safeStorage: a reversible transform that, like the real one, hides the text. */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorageLike & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString: (text) => {
      calls.push('encrypt')
      return Buffer.from([...Buffer.from(text, 'utf8')].map((byte) => byte ^ 0x5a))
    },
    decryptString: (data) => {
      calls.push('decrypt')
      return Buffer.from([...data].map((byte) => byte ^ 0x5a)).toString('utf8')
    },
    getSelectedStorageBackend: () => backend,
  }
}

const TOKEN = 'sk-very-secret-token'

describe('chooseSecretCodec', () => {
  it('encrypts when safeStorage is available, naming the Linux keyring', () => {
    expect(chooseSecretCodec(fakeSafeStorage(true), 'linux').codec.name).toBe('safe-storage:gnome_libsecret')
    expect(chooseSecretCodec(fakeSafeStorage(true, 'kwallet6'), 'linux').codec.name).toBe('safe-storage:kwallet6')
    const mac = chooseSecretCodec(fakeSafeStorage(true, 'unknown'), 'darwin')
    expect(mac.codec.name).toBe('safe-storage')
    expect(mac.warning).toBeUndefined()
    const encoded = mac.codec.encode(TOKEN)
    expect(encoded).not.toContain(TOKEN)
    expect(mac.codec.decode(encoded)).toBe(TOKEN)
  })

  it('falls back to plain text, with a warning, without real OS encryption', () => {
    const none = chooseSecretCodec(fakeSafeStorage(false), 'win32')
    expect(none.codec.name).toBe('plain')
    expect(none.warning).toMatch(/not available.*unencrypted/)
    // Chromium's Linux fallback encrypts with a hard-coded key: no better than plain, and says so.
    const basic = chooseSecretCodec(fakeSafeStorage(true, 'basic_text'), 'linux')
    expect(basic.codec.name).toBe('plain')
    expect(basic.warning).toMatch(/no keyring.*basic_text/)
  })
})

describe('openShellSecretStore', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mira-secrets-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('stores the token encrypted and reads it back', async () => {
    const file = join(dir, 'secrets.json')
    const safe = fakeSafeStorage(true)
    const logs: string[] = []
    const store = await openShellSecretStore(file, safe, 'linux', (line) => logs.push(line))
    await store.set('server-token', TOKEN)
    const onDisk = await readFile(file, 'utf8')
    expect(onDisk).not.toContain(TOKEN)
    expect(JSON.parse(onDisk)).toMatchObject({ encoding: 'safe-storage:gnome_libsecret' })

    const reopened = await openShellSecretStore(file, safe, 'linux', (line) => logs.push(line))
    await expect(reopened.get('server-token')).resolves.toBe(TOKEN)
    expect(safe.calls).toEqual(['encrypt', 'decrypt'])
    expect(logs).toEqual([])
  })

  it('logs the plain-text fallback, and a store written by another keyring', async () => {
    const file = join(dir, 'secrets.json')
    const logs: string[] = []
    const plain = await openShellSecretStore(file, fakeSafeStorage(false), 'linux', (line) => logs.push(line))
    await plain.set('server-token', TOKEN)
    expect(await readFile(file, 'utf8')).toContain(TOKEN)
    expect(logs[0]).toMatch(/unencrypted/)

    const later = await openShellSecretStore(file, fakeSafeStorage(true), 'linux', (line) => logs.push(line))
    await expect(later.get('server-token')).resolves.toBeUndefined()
    expect(logs[1]).toBe('secrets: Saved secrets stored by another storage are unavailable in this mode (kept for it): server-token (plain)')
  })
})
