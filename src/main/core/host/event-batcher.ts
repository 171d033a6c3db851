/**
 * Coalesces host events into batches, so a flood of tokens crosses the bridge as one message per
 * frame interval instead of one per token. Order is preserved.
 */
import type { HostEvent, HostEventListener } from '../../../shared/host'

export interface EventBatcherOptions {
  /** Flush interval (ms); ~one animation frame. */
  intervalMs?: number
  /** Flush at once when a batch grows this large. */
  maxBatch?: number
}

export class EventBatcher {
  private readonly listeners = new Set<HostEventListener>()
  private pending: HostEvent[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly intervalMs: number
  private readonly maxBatch: number

  constructor(options: EventBatcherOptions = {}) {
    this.intervalMs = options.intervalMs ?? 16
    this.maxBatch = options.maxBatch ?? 500
  }

  subscribe(listener: HostEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  push(event: HostEvent): void {
    this.pending.push(event)
    if (this.pending.length >= this.maxBatch) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    for (const listener of [...this.listeners]) listener(batch)
  }

  dispose(): void {
    this.flush()
    this.listeners.clear()
  }
}
