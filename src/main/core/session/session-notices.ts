/**
 * The session's notices: told at once, or limited per kind (a broken server's flood of bad frames
 * must not drown the UI), the next one of a kind then saying how many were held back.
 */
import type { HostEvent } from '../../../shared/host/events'
import { hostText, type HostText } from '../../../shared/host/host-text'
import type { BadFrame } from '../../../shared/protocol'
import { NoticeLimiter } from './notice-limiter'
import { badFrameText } from './notice-texts'

type Level = 'info' | 'warning' | 'error'

export class SessionNotices {
  private readonly limiter: NoticeLimiter
  /** Frames of unknown types are logged, one line per interval, never shown. */
  private readonly unknownTypes: NoticeLimiter

  constructor(
    private readonly publish: (event: HostEvent) => void,
    intervalMs: number,
    private readonly log?: (line: string) => void,
  ) {
    this.limiter = new NoticeLimiter(intervalMs)
    this.unknownTypes = new NoticeLimiter(intervalMs)
  }

  /** A frame that failed parsing: a limited warning, except an unknown type, which only the log hears of. */
  badFrame(bad: BadFrame): void {
    if (bad.reason !== 'unknown-type') return this.limited(`bad:${bad.reason}:${bad.frameType ?? ''}`, 'warning', badFrameText(bad))
    // The protocol says to tolerate frame types one does not know: a newer server is no fault.
    const allowed = this.unknownTypes.allow('unknown-type')
    const more = allowed?.suppressed ? ` (and ${allowed.suppressed} more since the last line)` : ''
    if (allowed) this.log?.(`ignored a frame of unknown type ${JSON.stringify(bad.frameType)}${more}: ${bad.excerpt}`)
  }

  /** A frame the protocol has no use for: logged, one line per interval, never shown. */
  ignored(what: string): void {
    const allowed = this.unknownTypes.allow(`ignored:${what}`)
    const more = allowed?.suppressed ? ` (and ${allowed.suppressed} more since the last line)` : ''
    if (allowed) this.log?.(`ignored a "${what}" frame${more}`)
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
