const ABORTED = Symbol('aborted')

/**
 * Iterates `source` until it ends or `signal` fires, whichever comes first: a brain that ignores
 * its AbortSignal still cannot hold an interrupted turn open.
 */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T, void, undefined> {
  if (signal.aborted) return
  const iterator = source[Symbol.asyncIterator]()
  let onAbort = (): void => {}
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED)
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    for (;;) {
      const result = await Promise.race([iterator.next(), aborted])
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
