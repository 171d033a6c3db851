const ABORTED = Symbol('aborted')

/**
 * Iterates `source` until it ends or `signal` fires, whichever comes first: a brain that ignores
 * its AbortSignal still cannot hold an interrupted turn open. Each step waits on one promise of
 * its own (a race against a promise that lives as long as the turn would leave a reaction on it
 * per token: memory that grows with a long answer).
 */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T, void, undefined> {
  if (signal.aborted) return
  const iterator = source[Symbol.asyncIterator]()
  let stop: ((value: typeof ABORTED) => void) | undefined
  const onAbort = (): void => stop?.(ABORTED)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      const next = iterator.next()
      const result = await new Promise<IteratorResult<T> | typeof ABORTED>((resolve, reject) => {
        stop = resolve
        next.then(resolve, reject)
      })
      if (result === ABORTED || signal.aborted || result.done) return
      yield result.value
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
    // Never wait for a source that ignores the signal; its late failure is of no interest.
    void Promise.resolve()
      .then(() => iterator.return?.())
      .catch(() => {})
  }
}
