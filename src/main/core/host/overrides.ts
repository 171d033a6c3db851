/** A server (and token) chosen for one run — by flags or `MIRA_SERVER` / `MIRA_TOKEN` — never saved. */
import { normalizeChatUrl } from '../../../shared/server-url'

export interface ServerOverrides {
  serverUrl?: string
  token?: string
}

/**
 * Flags win over the environment. Throws `ServerUrlError` for an address that is not one; the
 * message names where it came from.
 */
export function serverOverrides(
  env: NodeJS.ProcessEnv,
  flags: { server?: string | undefined; token?: string | undefined } = {},
): ServerOverrides {
  const fromEnv = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined)
  const server = flags.server ?? fromEnv('MIRA_SERVER')
  const token = flags.token ?? fromEnv('MIRA_TOKEN')
  let serverUrl: string | undefined
  if (server !== undefined) {
    try {
      serverUrl = normalizeChatUrl(server)
    } catch (error) {
      if (error instanceof Error) error.message = `${flags.server === undefined ? 'MIRA_SERVER' : '--server'}: ${error.message}`
      throw error
    }
  }
  return { ...(serverUrl ? { serverUrl } : {}), ...(token ? { token } : {}) }
}
