/**
 * How many speech requests the companion works on: synthesis is CPU- and memory-heavy, so a few
 * run at once, a few more wait their turn, and one client (by address) cannot take every place.
 * A request that finds no place is refused at once (429) rather than piling up.
 */

export interface SynthesisLimits {
  /** Syntheses running at once. */
  running: number
  /** Requests waiting for a running place. */
  waiting: number
  /** Running plus waiting requests from one client address. */
  perClient: number
}

export const DEFAULT_SYNTHESIS_LIMITS: SynthesisLimits = { running: 2, waiting: 8, perClient: 4 }

export interface Admission {
  /** Resolves when this request may run (or once released before its turn). */
  turn: Promise<void>
  /** Gives the place back: after the answer, or when the client hangs up. Safe to call twice. */
  release(): void
}

interface Waiter {
  started: boolean
  start: () => void
}

export class SynthesisGate {
  private running = 0
  private readonly queue: Waiter[] = []
  private readonly perClient = new Map<string, number>()

  constructor(private readonly limits: SynthesisLimits = DEFAULT_SYNTHESIS_LIMITS) {}

  /** Reported by `/v1/health`. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length }
  }

  /** A place for `client`'s request, or `undefined` when it must be refused. */
  admit(client: string): Admission | undefined {
    const mine = this.perClient.get(client) ?? 0
    if (mine >= this.limits.perClient) return undefined
    const runsNow = this.running < this.limits.running
    if (!runsNow && this.queue.length >= this.limits.waiting) return undefined
    this.perClient.set(client, mine + 1)
    let start = (): void => {}
    const turn = new Promise<void>((resolve) => (start = resolve))
    const waiter: Waiter = { started: runsNow, start }
    if (runsNow) {
      this.running++
      start()
    } else {
      this.queue.push(waiter)
    }
    let released = false
    return {
      turn,
      release: () => {
        if (released) return
        released = true
        const left = (this.perClient.get(client) ?? 1) - 1
        if (left > 0) this.perClient.set(client, left)
        else this.perClient.delete(client)
        if (waiter.started) {
          this.running--
          this.startNext()
        } else {
          this.queue.splice(this.queue.indexOf(waiter), 1)
          waiter.start()
        }
      },
    }
  }

  private startNext(): void {
    const next = this.queue.shift()
    if (!next) return
    this.running++
    next.started = true
    next.start()
  }
}
