/** The link's `LinkStatus` from its fields: only what it has, reasons with their text code. */
import type { LinkStatus } from '../../../shared/host/link-status'
import type { Reason } from './reasons'

type Optional = 'protocol' | 'nextAttemptAt' | 'connectionId' | 'authorizeRttMs' | 'lastFrameAt' | 'lastPingAt'

export type LinkFields = Omit<LinkStatus, Optional | 'reason' | 'reasonCode' | 'reasonParams'> & {
  [K in Optional]: LinkStatus[K] | undefined
} & { reason: Reason | undefined }

export function linkStatus(fields: LinkFields): LinkStatus {
  const { reason, ...rest } = fields
  const status: LinkStatus = { state: rest.state, serverUrl: rest.serverUrl, serverKind: rest.serverKind, since: rest.since, attempt: rest.attempt }
  if (rest.protocol !== undefined && rest.protocol !== 'dmp') status.protocol = rest.protocol
  if (rest.nextAttemptAt !== undefined) status.nextAttemptAt = rest.nextAttemptAt
  if (reason !== undefined) {
    status.reason = reason.text
    status.reasonCode = reason.textCode
    if (reason.params) status.reasonParams = reason.params
  }
  if (rest.connectionId !== undefined) status.connectionId = rest.connectionId
  if (rest.authorizeRttMs !== undefined) status.authorizeRttMs = rest.authorizeRttMs
  if (rest.lastFrameAt !== undefined) status.lastFrameAt = rest.lastFrameAt
  if (rest.lastPingAt !== undefined) status.lastPingAt = rest.lastPingAt
  return status
}
