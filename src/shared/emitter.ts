/** A small typed event emitter that runs the same in Node and the browser. */
export type Listener<T> = (payload: T) => void

export class Emitter<Events extends Record<string, unknown>> {
  /**
   * Copied on write: `emit` walks the list as it was when the event fired (a listener added or
   * removed meanwhile changes the next event, not this one) without copying it per event, which
   * matters on the per-token path.
   */
  private readonly listeners = new Map<keyof Events, readonly Listener<never>[]>()

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const list = this.listeners.get(event) ?? []
    if (!list.includes(listener as Listener<never>)) this.listeners.set(event, [...list, listener as Listener<never>])
    return () => this.off(event, listener)
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    const list = this.listeners.get(event)
    if (list?.includes(listener as Listener<never>)) this.listeners.set(event, list.filter((l) => l !== listener))
  }

  protected emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const list = this.listeners.get(event)
    if (!list) return
    for (const listener of list) (listener as Listener<Events[K]>)(payload)
  }

  removeAllListeners(): void {
    this.listeners.clear()
  }
}
