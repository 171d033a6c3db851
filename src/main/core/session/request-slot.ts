/**
 * Waiting for the answer to a request the protocol cannot correlate (`fetch_backgrounds` →
 * `background_files`): whoever waits when the answer frame arrives gets it.
 */
interface Waiter<T> {
  resolve: (value: T) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

export class RequestSlot<T> {
  private waiters: Waiter<T>[] = []

  get pending(): boolean {
    return this.waiters.length > 0
  }

  wait(timeoutMs: number, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter)
          reject(onTimeout())
        }, timeoutMs),
      }
      this.waiters.push(waiter)
    })
  }

  settle(value: T): void {
    for (const waiter of this.take()) waiter.resolve(value)
  }

  fail(error: Error): void {
    for (const waiter of this.take()) waiter.reject(error)
  }

  private take(): Waiter<T>[] {
    const waiters = this.waiters
    this.waiters = []
    for (const waiter of waiters) clearTimeout(waiter.timer)
    return waiters
  }
}
