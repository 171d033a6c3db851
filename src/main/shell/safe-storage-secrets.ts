/**
 * The Electron secret store: `secrets.json` with every value encrypted by `safeStorage` (the OS
 * keychain: Keychain, DPAPI, libsecret/kwallet). Where there is no real keychain (Linux without
 * one, where Chromium falls back to a hard-coded key), values are stored plain with a warning:
 * a fake encryption would only hide that. The token stays in the main process.
 */
import { FileSecretStore, plainTextCodec, type SecretCodec } from '../core/settings/secret-store'

/** The parts of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only. */
  getSelectedStorageBackend(): string
}

export interface CodecChoice {
  codec: SecretCodec
  /** Set when secrets will be stored unencrypted. */
  warning?: string
}

export function chooseSecretCodec(safeStorage: SafeStorageLike, platform: NodeJS.Platform): CodecChoice {
  const plain = (why: string): CodecChoice => ({
    codec: plainTextCodec,
    warning: `secrets: ${why}; the server token is stored unencrypted (file mode 0600 only)`,
  })
  if (!safeStorage.isEncryptionAvailable()) return plain('OS encryption (safeStorage) is not available')
  // On Linux the backend is part of the name: values sealed by one keyring cannot be opened by another.
  let name = 'safe-storage'
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend()
    if (backend === 'basic_text' || backend === 'unknown') return plain(`no keyring was found (backend: ${backend})`)
    name = `safe-storage:${backend}`
  }
  return {
    codec: {
      name,
      encode: (value) => safeStorage.encryptString(value).toString('base64'),
      decode: (text) => safeStorage.decryptString(Buffer.from(text, 'base64')),
    },
  }
}

/** Opens `file` with the best codec; call after the app is ready (Linux needs that for the keyring). */
export async function openShellSecretStore(
  file: string,
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
  log: (line: string) => void,
): Promise<FileSecretStore> {
  const { codec, warning } = chooseSecretCodec(safeStorage, platform)
  if (warning) log(warning)
  const store = await FileSecretStore.open(file, { codec })
  if (store.problem) log(`secrets: ${store.problem}`)
  return store
}
