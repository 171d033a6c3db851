/**
 * The chat server's API key (Lexicon's tenant key), bound like the token to the server it was saved
 * for (its origin): it is never sent to another address, and switching back makes it apply again.
 */
import { serverOriginOf } from '../../../shared/server-origin'
import type { SecretStore } from './secret-store'

export const SERVER_API_KEY_SECRET = 'server-api-key'
export const SERVER_API_KEY_ORIGIN_SECRET = 'server-api-key-origin'

/** The saved key, only when it was saved for `url`'s server. */
export async function savedApiKeyFor(secrets: SecretStore, url: string): Promise<string | undefined> {
  const key = await secrets.get(SERVER_API_KEY_SECRET)
  if (!key) return undefined
  return (await secrets.get(SERVER_API_KEY_ORIGIN_SECRET)) === serverOriginOf(url) ? key : undefined
}

/** Saves `key` for `url`'s server (`null` removes it). */
export async function saveServerApiKey(secrets: SecretStore, key: string | null, url: string): Promise<void> {
  const origin = key === null ? null : serverOriginOf(url)
  // The old key goes first: stopped halfway, no key is ever left bound to a server it was not saved for.
  await secrets.set(SERVER_API_KEY_SECRET, null)
  await secrets.set(SERVER_API_KEY_ORIGIN_SECRET, origin)
  if (key !== null) await secrets.set(SERVER_API_KEY_SECRET, key)
}
