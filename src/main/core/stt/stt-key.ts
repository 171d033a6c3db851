/**
 * The transcription endpoint's API key, bound like the server token to the server it was saved for
 * (the origin of `stt.baseUrl` then): after the address changes to another server, the key is not
 * sent there; switching back makes it apply again.
 */
import type { SecretStore } from '../settings/secret-store'

export const STT_API_KEY_SECRET = 'stt-api-key'
export const STT_API_KEY_ORIGIN_SECRET = 'stt-api-key-origin'

export function originOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).origin
  } catch {
    return undefined
  }
}

/** The saved key, only when it was saved for `baseUrl`'s server. */
export async function sttKeyFor(secrets: SecretStore, baseUrl: string): Promise<string | undefined> {
  const key = await secrets.get(STT_API_KEY_SECRET)
  const origin = originOf(baseUrl)
  if (!key || !origin) return undefined
  return (await secrets.get(STT_API_KEY_ORIGIN_SECRET)) === origin ? key : undefined
}

/** Saves `key` for `baseUrl`'s server (`null` removes it). */
export async function saveSttKey(secrets: SecretStore, key: string | null, baseUrl: string): Promise<void> {
  const origin = key === null ? null : originOf(baseUrl)
  if (key !== null && !origin) throw new Error('Give the transcription endpoint’s address before its key')
  // The old key goes first: stopped halfway, no key is ever left bound to a server it was not saved for.
  await secrets.set(STT_API_KEY_SECRET, null)
  await secrets.set(STT_API_KEY_ORIGIN_SECRET, origin ?? null)
  if (key !== null) await secrets.set(STT_API_KEY_SECRET, key)
}
