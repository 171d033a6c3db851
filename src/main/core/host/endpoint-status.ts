/** The link's status when there is no link to ask: the connection could not be made, or its endpoint cannot be used. */
import type { LinkStatus } from '../../../shared/host'
import type { Endpoint } from './server-endpoint'

/** The link's status after a (re)connection attempt failed before a link existed (e.g. the secret store threw). */
export function connectFailed(last: LinkStatus, error: string): LinkStatus {
  const { serverUrl, serverKind } = last
  const reason = `Could not connect: ${error}`
  return { state: 'offline', serverUrl, serverKind, since: Date.now(), attempt: 0, reason, reasonCode: 'connectFailed', reasonParams: { error } }
}

/** The link's status while the endpoint cannot be used (the built-in server could not start, an unknown kind): offline, for that reason. */
export function endpointFailed(status: LinkStatus, endpoint: Endpoint): LinkStatus {
  const problem = endpoint.problem ?? ''
  const reasonParams = { error: endpoint.problemDetail ?? problem }
  return { ...status, state: 'offline', reason: problem, reasonCode: endpoint.problemCode ?? 'builtinFailed', reasonParams }
}
