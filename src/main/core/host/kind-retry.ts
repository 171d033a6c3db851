/**
 * *Automatic* at an address where nothing answered the probe (the server is not started yet, or is
 * restarting): probes again on the link's own schedule (the backoff `backoffFor` gives the address;
 * system events through `applySystemEvent`, as for a link), and shows the link's usual
 * `reconnecting` status with its reason and next attempt. The first probe that decides ends it: a
 * kind found, or a server that answered with nothing recognizable (retrying would not mend that;
 * the user chooses the kind).
 */
import type { LinkState, LinkStatus } from '../../../shared/host/link-status'
import { backoffDelay, resolveBackoff } from '../link/backoff'
import { applySystemEvent, backoffFor, isLoopbackUrl, type SystemEvent } from '../link/reconnect-policy'
import { hostLabel, socketErrorReason, type Reason } from '../link/reasons'
import { linkStatus } from '../link/status'
import type { BackoffOptions } from '../link/types'
import { isUnreachable, probeKind, type Detection, type Unreachable } from '../protocols/probe'
import type { Endpoint, EndpointDeps } from './server-endpoint'

export interface KindRetryOptions {
  url: string
  /** The probe that found nobody (the endpoint's own). */
  first: Unreachable
  /** The status changed (read it from `status`). */
  onStatus: () => void
  /** Called once, with the first detection that is not "unreachable". */
  onDecided: (detection: Detection) => void
}

export class KindRetry {
  private state: LinkState = 'reconnecting'
  private since = Date.now()
  private attempt = 0
  private nextAttemptAt: number | undefined
  private reason: Reason
  private timer: ReturnType<typeof setTimeout> | undefined
  private probing = false
  private stopped = false
  private readonly backoff: BackoffOptions

  constructor(private readonly options: KindRetryOptions) {
    this.backoff = resolveBackoff(backoffFor(options.url))
    this.reason = reasonOf(options.url, options.first)
    this.schedule()
  }

  get status(): LinkStatus {
    return linkStatus({
      state: this.state,
      serverUrl: this.options.url,
      serverKind: 'custom',
      protocol: undefined,
      since: this.since,
      attempt: this.attempt,
      nextAttemptAt: this.state === 'reconnecting' ? this.nextAttemptAt : undefined,
      reason: this.reason,
      connectionId: undefined,
      authorizeRttMs: undefined,
      lastFrameAt: undefined,
      lastPingAt: undefined,
    })
  }

  /** Probes now instead of waiting (network back, wake); a probe under way already is "now". */
  retryNow(): void {
    if (this.stopped || this.probing) return
    void this.probe()
  }

  /** No more probes; the last status stays as it was. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  private schedule(): void {
    this.attempt++
    const delay = backoffDelay(this.attempt, this.backoff)
    this.state = 'reconnecting'
    this.since = Date.now()
    this.nextAttemptAt = this.since + delay
    this.timer = setTimeout(() => void this.probe(), delay)
  }

  private async probe(): Promise<void> {
    clearTimeout(this.timer)
    this.probing = true
    this.state = 'connecting'
    this.since = Date.now()
    this.options.onStatus()
    const detection = await probeKind(this.options.url)
    this.probing = false
    if (this.stopped) return
    if (isUnreachable(detection)) {
      this.reason = reasonOf(this.options.url, detection)
      this.schedule()
      this.options.onStatus()
      return
    }
    this.stopped = true
    this.options.onDecided(detection)
  }
}

/** The core's retries, one for each endpoint *Automatic* found nobody at (the others have none). */
export class KindRetries {
  private readonly retries = new WeakMap<Endpoint, KindRetry>()

  /** Starts probing again when `endpoint` needs it; `onFound` gets the first decision, for a new endpoint. */
  watch(endpoint: Endpoint, onStatus: () => void, onFound: (found: NonNullable<EndpointDeps['found']>) => void): void {
    const { url, unreachable: first } = endpoint
    if (!first) return
    this.retries.set(endpoint, new KindRetry({ url, first, onStatus, onDecided: (detection) => onFound({ url, detection }) }))
  }

  status(endpoint: Endpoint): LinkStatus | undefined {
    return this.retries.get(endpoint)?.status
  }

  /** *Retry*: probes now; false when the endpoint has no retry. */
  retryNow(endpoint: Endpoint): boolean {
    this.retries.get(endpoint)?.retryNow()
    return this.retries.has(endpoint)
  }

  /** The network is back or the machine woke: probes now, as a link still trying would. */
  systemEvent(endpoint: Endpoint, event: SystemEvent): void {
    const retry = this.retries.get(endpoint)
    if (retry) applySystemEvent(retry, event, isLoopbackUrl(endpoint.url))
  }

  stop(endpoint: Endpoint): void {
    this.retries.get(endpoint)?.stop()
  }
}

/** The link's own words for a connection that failed ("Cannot reach host (connection refused)"). */
function reasonOf(url: string, detection: Unreachable): Reason {
  const { error, code } = detection.cause
  return socketErrorReason(hostLabel(url), { message: error, ...(code ? { code } : {}) })
}
