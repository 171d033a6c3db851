/** `--protocol`, shared by `mira chat` and `mira doctor`. */
import type { ProtocolKind } from '../shared/protocol/kinds'
import { SERVER_KINDS, type ServerKind } from '../shared/protocol/kinds'
import { detectKind, type Detection } from '../main/core/protocols/probe'
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
 * kind, else what the address's path says, else what a short probe finds (protocols/probe.ts).
 */
export function detectProtocol(flag: ServerKind | undefined, url: string, config: CliConfig, serverGiven: boolean): Promise<Detection> {
  return detectKind(flag ?? (serverGiven ? 'auto' : config.settings.server.kind), url)
}

/** The kind to use, for a detection that found one. */
export type Found = Extract<Detection, { kind: ProtocolKind }>
