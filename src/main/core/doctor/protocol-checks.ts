/**
 * Which connection checks fit which protocol, one entry per kind: `/v1/chat/stream`'s own steps
 * (run-checks.ts, which also checks a Dexto server's socket and skips the rest), SYMindX's
 * (symindx-checks.ts), or another protocol's login and keep-alive through its adapter on one real
 * link (adapter-checks.ts: General Bots; Lexicon's chat created over REST first, lexicon-checks.ts).
 */
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import type { ProtocolKind } from '../protocols/types'
import { runAdapterChecks } from './adapter-checks'
import { runLexiconChecks } from './lexicon-checks'
import type { CheckTimeouts } from './checks'
import { runConnectionChecks, type CheckTarget } from './run-checks'
import { runSymindxChecks } from './symindx-checks'

export interface ProtocolCheckTarget extends CheckTarget {
  /** SYMindX: the agent messages go to. */
  agent?: string
}

type Checks = (target: ProtocolCheckTarget, timeouts: CheckTimeouts) => Promise<ConnectionCheck[]>

const CHECKS: Record<ProtocolKind, Checks> = {
  dmp: runConnectionChecks,
  dexto: runConnectionChecks,
  symindx: runSymindxChecks,
  generalbots: runAdapterChecks,
  lexicon: runLexiconChecks,
}

/** The checks for a server of `kind` (absent: `dmp`). */
export function checksFor(kind: ProtocolKind | undefined): Checks {
  return CHECKS[kind ?? 'dmp']
}
