/**
 * Which connection checks fit which protocol: a protocol's own where it has them (SYMindX's), else
 * the shared ones (run-checks.ts, `/v1/chat/stream`'s steps).
 */
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import type { ProtocolKind } from '../protocols/types'
import type { CheckTimeouts } from './checks'
import { runConnectionChecks, type CheckTarget } from './run-checks'
import { runSymindxChecks } from './symindx-checks'

export interface ProtocolCheckTarget extends CheckTarget {
  /** SYMindX: the agent messages go to. */
  agent?: string
}

type Checks = (target: ProtocolCheckTarget, timeouts: CheckTimeouts) => Promise<ConnectionCheck[]>

const OWN_CHECKS: Partial<Record<ProtocolKind, Checks>> = {
  symindx: runSymindxChecks,
}

export function checksFor(kind: ProtocolKind | undefined): Checks {
  return (kind === undefined ? undefined : OWN_CHECKS[kind]) ?? runConnectionChecks
}
