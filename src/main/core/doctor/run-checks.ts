/** The connection checks one after another, each skipped when what it needs already failed. */
import type { CheckId, ConnectionCheck } from '../../../shared/host/connection-test'
import { notRun, timed } from './check'
import { checkAuthorize, checkPing, checkRest, checkTcp, checkTts, checkUpgrade, type CheckTimeouts } from './checks'
import { WsProbe } from './ws-probe'
import type { ProtocolKind } from '../../../shared/protocol'

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
}

/** Every connection check skipped, for an address that could not be used. */
export const noneRun = (because: string): ConnectionCheck[] => CONNECTION_CHECK_IDS.map((id) => notRun(id, because))

export async function runConnectionChecks({ url, token, tokenSource }: CheckTarget, timeouts: CheckTimeouts): Promise<ConnectionCheck[]> {
  const tcp = await timed('tcp', () => checkTcp(url, timeouts))
  if (tcp.status === 'fail') return [tcp, ...noneRun('no TCP connection').slice(1)]
  const results: ConnectionCheck[] = [tcp]
  const probe = new WsProbe()
  try {
    const upgrade = await timed('websocket', () => checkUpgrade(probe, url, timeouts))
    results.push(upgrade)
    if (upgrade.status === 'fail') {
      results.push(notRun('authorize', 'no WebSocket'), notRun('ping', 'no WebSocket'))
    } else {
      const authorize = await timed('authorize', () => checkAuthorize(probe, token, tokenSource, timeouts))
      results.push(authorize)
      results.push(authorize.status === 'fail' ? notRun('ping', 'not authorized') : await timed('ping', () => checkPing(probe, timeouts)))
    }
  } finally {
    probe.close()
  }
  const rest = await timed('rest', () => checkRest(url, token, timeouts))
  results.push(rest)
  results.push(rest.status === 'fail' ? notRun('tts', 'the REST API does not answer') : await timed('tts', () => checkTts(url, token, timeouts)))
  return results
}
