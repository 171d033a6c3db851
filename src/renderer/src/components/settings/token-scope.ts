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
