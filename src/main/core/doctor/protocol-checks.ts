/**
 * Which connection checks fit which protocol: `/v1/chat/stream`'s (run-checks.ts) unless the
 * protocol has its own. A protocol without any yet gets `undefined` (the CLI says so).
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

const CHECKS: Partial<Record<ProtocolKind, Checks>> = {
  dmp: runConnectionChecks,
  symindx: runSymindxChecks,
}

/** The checks for `kind`; `undefined` (a kind only a probe could tell) gets `/v1/chat/stream`'s, as always. */
export function checksFor(kind: ProtocolKind | undefined): Checks | undefined {
  return kind === undefined ? runConnectionChecks : CHECKS[kind]
}
