/**
 * Records everything a `ChatLinkLike` emits and waits for conditions on it:
 *
 *   const probe = new LinkProbe(link)
 *   await probe.waitForState('ready')
 *   await probe.waitFor(() => probe.frames.some((f) => f.type === 'stream_end'))
 */
import type { LinkState, LinkStatus } from '../../src/shared/host/link-status'
import type { BadFrame, ServerFrame } from '../../src/shared/protocol'
import type { ChatLinkEvents, ChatLinkLike } from '../../src/main/core/link/types'

export class LinkProbe {
  readonly statuses: LinkStatus[] = []
  readonly frames: ServerFrame[] = []
  readonly badFrames: BadFrame[] = []
  readonly lost: ChatLinkEvents['lost'][] = []
  private readonly waiters = new Set<() => void>()
  private readonly unsubscribe: (() => void)[]

  constructor(readonly link: ChatLinkLike) {
    const wake = () => {
      for (const waiter of [...this.waiters]) waiter()
    }
    this.unsubscribe = [
      link.on('status', (s) => (this.statuses.push(s), wake())),
      link.on('frame', (f) => (this.frames.push(f), wake())),
      link.on('bad-frame', (b) => (this.badFrames.push(b), wake())),
      link.on('lost', (l) => (this.lost.push(l), wake())),
    ]
  }

  /** The states entered, in order (repeated statuses of one state, e.g. after a ping, count once). */
  get states(): LinkState[] {
    return this.entries().map((s) => s.state)
  }

  /** The statuses that entered a new state. */
  entries(): LinkStatus[] {
    return this.statuses.filter((s, i) => i === 0 || this.statuses[i - 1]?.state !== s.state)
  }

  /** Resolves once `condition` holds (checked now and after every event). */
  waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return
        done()
        resolve()
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(`LinkProbe: ${what} not met within ${timeoutMs} ms (states: ${this.states.join(' → ')}; reason: ${this.link.status.reason ?? '-'})`))
      }, timeoutMs)
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(check)
      }
      this.waiters.add(check)
      check()
    })
  }

  /** Waits until the link is in `state` (now or later). */
  waitForState(state: LinkState, timeoutMs = 5_000): Promise<LinkStatus> {
    return this.waitFor(() => this.link.status.state === state, timeoutMs, `state ${state}`).then(() => this.link.status)
  }

  /** Waits for the `n`-th time the link enters `state` (1-based, counting from the probe's creation). */
  async waitForNth(state: LinkState, n: number, timeoutMs = 5_000): Promise<LinkStatus> {
    const entered = () => this.entries().filter((s) => s.state === state)
    await this.waitFor(() => entered().length >= n, timeoutMs, `${n}× ${state}`)
    return entered()[n - 1] as LinkStatus
  }

  dispose(): void {
    for (const off of this.unsubscribe) off()
    this.waiters.clear()
  }
}
