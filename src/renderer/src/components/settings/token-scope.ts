/**
 * Whether the saved server token applies to the address in the dialog. The host keeps the token for
 * the server (origin) it was saved for and never sends it elsewhere, so an address of another server
 * needs its own token.
 */
import { tryServerOriginOf } from '../../../../shared/server-origin'
import type { SettingsView } from '../../../../shared/settings'

export interface TokenScope {
  /** A token will be used for this address. */
  saved: boolean
  /** The server the saved token belongs to, when it is another one. */
  belongsTo?: string
}

export function tokenScope(view: SettingsView | undefined, address: string): TokenScope {
  if (!view) return { saved: false }
  // No token saved, or one from `MIRA_TOKEN`, which the host uses for any address.
  if (view.tokenOrigin === undefined) return { saved: view.hasToken }
  // While the address is not one yet, the saved address decides.
  const shown = tryServerOriginOf(address) ?? tryServerOriginOf(view.settings.server.url)
  return shown === view.tokenOrigin ? { saved: true } : { saved: false, belongsTo: view.tokenOrigin }
}

/** Whether the API key saved for the saved address (`hasServerApiKey`) applies to the address in the dialog: the same server. */
export function serverApiKeySaved(view: SettingsView | undefined, address: string): boolean {
  if (!view?.hasServerApiKey) return false
  const shown = tryServerOriginOf(address) ?? tryServerOriginOf(view.settings.server.url)
  return shown === tryServerOriginOf(view.settings.server.url)
}

/** Whether the dialog's server speaks Lexicon: chosen, or Automatic on its path (`/ws/chat`, as the core's registry decides). */
export function usesLexicon(kind: string, address: string): boolean {
  if (kind === 'lexicon') return true
  if (kind !== 'auto') return false
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(address.trim()) ? address.trim() : `ws://${address.trim()}`)
    return url.pathname.replace(/\/+$/, '') === '/ws/chat'
  } catch {
    return false
  }
}
