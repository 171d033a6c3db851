/** The connection checks one after another, each skipped when what it needs already failed. */
import type { ProtocolCredentials } from '../protocols/types'
import type { CheckId, ConnectionCheck } from '../../../shared/host/connection-test'
import { NOT_RUN, notInProtocol, notRun, timed } from './check'
import { checkAuthorize, checkPing, checkRest, checkTcp, checkTts, checkUpgrade, type CheckTimeouts } from './checks'
import { WsProbe } from './ws-probe'
import type { ProtocolKind } from '../../../shared/protocol'
import { createProtocol } from '../protocols/registry'

/** The checks after the address, in order. */
export const CONNECTION_CHECK_IDS = ['tcp', 'websocket', 'authorize', 'ping', 'rest', 'tts'] as const satisfies readonly CheckId[]

export interface CheckTarget {
  /** The normalized chat-stream URL. */
  url: string
  /** The protocol it speaks; absent: `dmp`. Other protocols have no authorize, server ping or `/v1` REST API to check. */
  protocol?: ProtocolKind
  token?: string
  /** Where the token came from, for the authorize detail (`--token`, `the settings`, …). */
  tokenSource?: string
  /** The same as a word the app translates (`host.values.source`). */
  tokenSourceCode?: 'builtin' | 'dialog' | 'settings'
  /** The protocol's other credentials (Lexicon: API key, user id, chat id). */
  credentials?: ProtocolCredentials
}

/** Every connection check skipped, for an address that could not be used. */
export const noneRun = (because: Parameters<typeof notRun>[1]): ConnectionCheck[] => CONNECTION_CHECK_IDS.map((id) => notRun(id, because))

export async function runConnectionChecks(target: CheckTarget, timeouts: CheckTimeouts): Promise<ConnectionCheck[]> {
  const { protocol = 'dmp', token, tokenSource, tokenSourceCode } = target
  const adapter = protocol === 'dmp' ? undefined : createProtocol(protocol, {})
  const url = adapter ? adapter.target(target.url, token ? { token } : {}).url : target.url
  const tcp = await timed('tcp', () => checkTcp(url, timeouts))
  if (tcp.status === 'fail') return [tcp, ...noneRun(NOT_RUN.tcp).slice(1)]
  const results: ConnectionCheck[] = [tcp]
  const probe = new WsProbe()
  try {
    const upgrade = await timed('websocket', () => checkUpgrade(probe, url, timeouts))
    results.push(upgrade)
    if (upgrade.status === 'fail') {
      results.push(notRun('authorize', NOT_RUN.webSocket), notRun('ping', NOT_RUN.webSocket))
    } else if (adapter) {
      return [...results, ...CONNECTION_CHECK_IDS.slice(2).map((id) => notRun(id, notInProtocol(protocol)))]
    } else {
      const authorize = await timed('authorize', () => checkAuthorize(probe, token, { text: tokenSource, code: tokenSourceCode }, timeouts))
      results.push(authorize)
      results.push(authorize.status === 'fail' ? notRun('ping', NOT_RUN.authorize) : await timed('ping', () => checkPing(probe, timeouts)))
    }
  } finally {
    probe.close()
  }
  const rest = await timed('rest', () => checkRest(url, token, timeouts))
  results.push(rest)
  results.push(rest.status === 'fail' ? notRun('tts', NOT_RUN.rest) : await timed('tts', () => checkTts(url, token, timeouts)))
  return results
}
