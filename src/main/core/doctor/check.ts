/** One connection check: its outcome, how long it took, and (after a failure) what to try. */
import type { CheckHint, CheckId, ConnectionCheck } from '../../../shared/host/connection-test'
import type { HostText } from '../../../shared/host/host-text'

export type CheckOutcome = Omit<ConnectionCheck, 'id' | 'ms'>

/** A detail: plain English (an address, a server's words), or English with a text code the UI can translate. */
type Detail = string | HostText

const said = (detail: Detail): Pick<ConnectionCheck, 'detail' | 'textCode' | 'params'> => {
  if (typeof detail === 'string') return { detail }
  return { detail: detail.text, ...(detail.textCode ? { textCode: detail.textCode } : {}), ...(detail.params ? { params: detail.params } : {}) }
}

export const pass = (detail: Detail): CheckOutcome => ({ status: 'pass', ...said(detail) })
export const skip = (detail: Detail): CheckOutcome => ({ status: 'skip', ...said(detail) })
export const fail = (detail: Detail, hint?: CheckHint): CheckOutcome => ({ status: 'fail', ...said(detail), ...(hint ? { hint } : {}) })

/** An outcome with its check's id and the time since `startedAt` (a `performance.now()`). */
export function stamp(id: CheckId, outcome: CheckOutcome, startedAt: number): ConnectionCheck {
  return { id, ...outcome, ms: Math.round(performance.now() - startedAt) }
}

/** Runs `body` and stamps its result with the check's id and duration. */
export async function timed(id: CheckId, body: () => Promise<CheckOutcome>): Promise<ConnectionCheck> {
  const started = performance.now()
  return stamp(id, await body(), started)
}

/** Why a check did not run: an earlier one failed. */
export const NOT_RUN = {
  tcp: { text: 'no TCP connection', textCode: 'checkNotRunTcp' },
  webSocket: { text: 'no WebSocket', textCode: 'checkNotRunWebSocket' },
  authorize: { text: 'not authorized', textCode: 'checkNotRunAuthorize' },
  rest: { text: 'the REST API does not answer', textCode: 'checkNotRunRest' },
  address: { text: 'no usable server address', textCode: 'checkNotRunAddress' },
} as const satisfies Record<string, HostText>

/** Why a check does not run for a server of another protocol: that protocol has no such step (REST, TTS, …). */
export const notInProtocol = (protocol: string): HostText => ({ text: `not part of the ${protocol} protocol`, textCode: 'checkNotRunProtocol', params: { protocol } })

/** A check that did not run because of `because` (a reason of `NOT_RUN`, or plain English). */
export const notRun = (id: CheckId, because: string | HostText): ConnectionCheck => {
  const reason = typeof because === 'string' ? { text: because } : because
  return { id, status: 'skip', ...said({ ...reason, text: `not run: ${reason.text}` }) }
}
