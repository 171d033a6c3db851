/**
 * A tiny observable value for signals that change every frame (mouth openness): no Vue
 * reactivity, no store, so avatar adapters (built-in, Live2D, VRM) read or subscribe cheaply.
 */
export class Signal<T> {
  private current: T
  private readonly listeners = new Set<(value: T) => void>()

  constructor(initial: T) {
    this.current = initial
  }

  get value(): T {
    return this.current
  }

  set(value: T): void {
    this.current = value
    for (const listener of [...this.listeners]) listener(value)
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
