/**
 * Collects streamed text per turn and hands it over at most once per animation frame, so a flood
 * of tokens costs one reactive update per frame instead of one per token.
 */
export interface FrameScheduler {
  request(callback: () => void): number
  cancel(handle: number): void
}

const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
}

export class FrameTextBuffer {
  private readonly pending = new Map<string, string>()
  private handle: number | undefined

  constructor(
    private readonly deliver: (key: string, text: string) => void,
    private readonly scheduler: FrameScheduler = animationFrames,
  ) {}

  append(key: string, text: string): void {
    this.pending.set(key, (this.pending.get(key) ?? '') + text)
    this.handle ??= this.scheduler.request(() => {
      this.handle = undefined
      this.flush()
    })
  }

  /** Hands over what is waiting now: for one key (before that turn changes state), or for all. */
  flush(key?: string): void {
    const keys = key === undefined ? [...this.pending.keys()] : [key]
    for (const k of keys) {
      const text = this.pending.get(k)
      this.pending.delete(k)
      if (text) this.deliver(k, text)
    }
  }

  /** Forgets what is waiting for `key` (its final text replaces it). */
  drop(key: string): void {
    this.pending.delete(key)
  }

  dispose(): void {
    if (this.handle !== undefined) this.scheduler.cancel(this.handle)
    this.handle = undefined
    this.pending.clear()
  }
}
