/**
 * The companion's LLM API key is bound to the endpoint it was saved for (the base URL's origin),
 * as the server token is bound to its server (server-token.ts): a changed `llmBaseUrl` gets no
 * key, so the key and the conversation are never sent to another host. Switching back makes it apply.
 */
import type { SecretStore } from './secret-store'

export const COMPANION_API_KEY_SECRET = 'companion-api-key'
export const COMPANION_API_KEY_ORIGIN_SECRET = 'companion-api-key-origin'

function originOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).origin
  } catch {
    return undefined
  }
}

/** The saved key, only when it was saved for `baseUrl`'s origin. */
export async function companionApiKeyFor(secrets: SecretStore, baseUrl: string): Promise<string | undefined> {
  const key = await secrets.get(COMPANION_API_KEY_SECRET)
  const origin = originOf(baseUrl)
  if (!key || origin === undefined) return undefined
  return (await secrets.get(COMPANION_API_KEY_ORIGIN_SECRET)) === origin ? key : undefined
}

/** Saves `apiKey` for `baseUrl`'s endpoint (`null` removes it). */
export async function saveCompanionApiKey(secrets: SecretStore, apiKey: string | null, baseUrl: string): Promise<void> {
  const origin = apiKey === null ? undefined : originOf(baseUrl)
  // The old key goes first: stopped halfway, no key is ever left bound to an endpoint it was not saved for.
  await secrets.set(COMPANION_API_KEY_SECRET, null)
  await secrets.set(COMPANION_API_KEY_ORIGIN_SECRET, origin ?? null)
  if (apiKey !== null && origin !== undefined) await secrets.set(COMPANION_API_KEY_SECRET, apiKey)
}

/** Migration: a key saved before keys were bound belongs to the saved `llmBaseUrl` (none: it stays unused). */
export async function bindUnboundApiKey(secrets: SecretStore, baseUrl: string): Promise<void> {
  const origin = originOf(baseUrl)
  if (origin === undefined || !(await secrets.get(COMPANION_API_KEY_SECRET)) || (await secrets.get(COMPANION_API_KEY_ORIGIN_SECRET))) return
  await secrets.set(COMPANION_API_KEY_ORIGIN_SECRET, origin)
}
