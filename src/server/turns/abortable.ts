/**
 * Iterates `source` until it ends or `signal` fires, whichever comes first: a brain that ignores
 * its AbortSignal still cannot hold an interrupted turn open. Each step waits on one promise of
 * its own (a race against a promise that lives as long as the turn would leave a reaction on it
 * per token: memory that grows with a long answer). A plain iterator rather than an async
 * generator: a generator's own promises per step were the largest share of a turn's garbage.
 */
export function abortable<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => new AbortableIterator(source[Symbol.asyncIterator](), signal) }
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

class AbortableIterator<T> implements AsyncIterator<T, undefined> {
  private finished = false
  /** Settles the step under way, if any. */
  private resolveStep: ((result: IteratorResult<T, undefined>) => void) | undefined
  private rejectStep: ((error: unknown) => void) | undefined
  private readonly onAbort = (): void => this.settle(this.finish())
  private readonly onResult = (result: IteratorResult<T>): void => this.settle(result.done || this.signal.aborted ? this.finish() : result)
  private readonly onError = (error: unknown): void => {
    const reject = this.rejectStep
    this.resolveStep = this.rejectStep = undefined
    this.finish()
    reject?.(error)
  }

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly signal: AbortSignal,
  ) {
    if (signal.aborted) this.finished = true
    else signal.addEventListener('abort', this.onAbort, { once: true })
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.finished) return Promise.resolve(DONE)
    const step = new Promise<IteratorResult<T, undefined>>((resolve, reject) => {
      this.resolveStep = resolve
      this.rejectStep = reject
    })
    this.source.next().then(this.onResult, this.onError)
    return step
  }

  /** The loop was left early (`break`, a throw in its body). */
  return(): Promise<IteratorResult<T, undefined>> {
    return Promise.resolve(this.finish())
  }

  private settle(result: IteratorResult<T, undefined>): void {
    const resolve = this.resolveStep
    this.resolveStep = this.rejectStep = undefined
    resolve?.(result)
  }

  private finish(): IteratorReturnResult<undefined> {
    if (this.finished) return DONE
    this.finished = true
    this.signal.removeEventListener('abort', this.onAbort)
    // Never wait for a source that ignores the signal; its late failure is of no interest.
    void Promise.resolve()
      .then(() => this.source.return?.())
      .catch(() => {})
    return DONE
  }
}
