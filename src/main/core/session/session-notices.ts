/**
 * The session's notices: told at once, or limited per kind (a broken server's flood of bad frames
 * must not drown the UI), the next one of a kind then saying how many were held back.
 */
import type { HostEvent } from '../../../shared/host/events'
import { hostText, type HostText } from '../../../shared/host/host-text'
import { NoticeLimiter } from './notice-limiter'

type Level = 'info' | 'warning' | 'error'

export class SessionNotices {
  private readonly limiter: NoticeLimiter

  constructor(
    private readonly publish: (event: HostEvent) => void,
    intervalMs: number,
  ) {
    this.limiter = new NoticeLimiter(intervalMs)
  }

  tell(level: Level, notice: HostText, code?: number | null): void {
    this.publish({ type: 'notice', level, ...(code === undefined ? {} : { code }), ...notice })
  }

  /** `suppressed` in the params: how many like it were held back (the UI adds a sentence for it). */
  limited(kind: string, level: Level, notice: HostText & { textCode: string }): void {
    const allowed = this.limiter.allow(kind)
    if (!allowed) return
    if (!allowed.suppressed) return this.tell(level, notice)
    const text = `${notice.text} (${allowed.suppressed} more like it were not shown)`
    this.tell(level, hostText(text, notice.textCode, { ...notice.params, suppressed: allowed.suppressed }))
  }
}
