/**
 * The saved server token is bound to the server it was saved for (its origin, `shared/server-origin.ts`),
 * so a page that changes the custom address cannot make Mira present the token to another server.
 * A token whose server is not the one asked about is kept, unused: switching back makes it apply again.
 */
import { serverOriginOf } from '../../../shared/server-origin'
import type { SecretStore } from './secret-store'

export const SERVER_TOKEN_SECRET = 'server-token'
/** Not a secret, but kept beside the token so the two are saved and removed together. */
export const SERVER_TOKEN_ORIGIN_SECRET = 'server-token-origin'

/** The saved token, only when it was saved for `url`'s server. */
export async function savedTokenFor(secrets: SecretStore, url: string): Promise<string | undefined> {
  const token = await secrets.get(SERVER_TOKEN_SECRET)
  if (!token) return undefined
  return (await secrets.get(SERVER_TOKEN_ORIGIN_SECRET)) === serverOriginOf(url) ? token : undefined
}

/** The server the saved token belongs to; `undefined` when no token is saved. */
export async function savedTokenOrigin(secrets: SecretStore): Promise<string | undefined> {
  if (!(await secrets.get(SERVER_TOKEN_SECRET))) return undefined
  return secrets.get(SERVER_TOKEN_ORIGIN_SECRET)
}

/** Saves `token` for `url`'s server (`null` removes it). */
export async function saveServerToken(secrets: SecretStore, token: string | null, url: string): Promise<void> {
  const origin = token === null ? null : serverOriginOf(url)
  // The old token goes first: stopped halfway, no token is ever left bound to a server it was not saved for.
  await secrets.set(SERVER_TOKEN_SECRET, null)
  await secrets.set(SERVER_TOKEN_ORIGIN_SECRET, origin)
  if (token !== null) await secrets.set(SERVER_TOKEN_SECRET, token)
}

/** Migration: a token saved before tokens were bound belongs to the saved custom server address. */
export async function bindUnboundToken(secrets: SecretStore, customUrl: string): Promise<void> {
  if (!(await secrets.get(SERVER_TOKEN_SECRET)) || (await secrets.get(SERVER_TOKEN_ORIGIN_SECRET))) return
  await secrets.set(SERVER_TOKEN_ORIGIN_SECRET, serverOriginOf(customUrl))
}
