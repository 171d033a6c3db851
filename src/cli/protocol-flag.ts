/** `--protocol`, shared by `mira chat` and `mira doctor`. */
import type { ProtocolKind } from '../shared/protocol/kinds'
import { SERVER_KINDS, type ServerKind } from '../shared/protocol/kinds'
import { resolveKind } from '../main/core/protocols/registry'
import { UsageError } from './args'
import type { CliConfig } from './config'

/** One of the server kinds, or undefined when the flag is not given. */
export function protocolFlag(value: string | undefined): ServerKind | undefined {
  if (value === undefined) return undefined
  const kind = SERVER_KINDS.find((k) => k === value)
  if (!kind) throw new UsageError(`--protocol must be one of ${SERVER_KINDS.join(', ')}`)
  return kind
}

/**
 * The protocol of the server in use: the flag's, else (for the settings' own server) the settings'
 * kind, else what the address's path says; `undefined` when only `--protocol` can tell.
 */
export function protocolOf(flag: ServerKind | undefined, url: string, config: CliConfig, serverGiven: boolean): ProtocolKind | undefined {
  return resolveKind(flag ?? (serverGiven ? 'auto' : config.settings.server.kind), url)
}
