import { describe, expect, it } from 'vitest'
import { abortable } from '../../../src/server/turns/abortable'

/** A source that records whether it was told to stop; `hang` makes its step `at` never settle. */
function source(values: number[], options: { hang?: number; failAt?: number } = {}) {
  const seen = { returned: false }
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => {
      let i = 0
      return {
        next: () => {
          if (i === options.hang) return new Promise<IteratorResult<number>>(() => {})
          if (i === options.failAt) return Promise.reject(new Error('brain failed'))
          return Promise.resolve(i < values.length ? { done: false, value: values[i++] as number } : { done: true, value: undefined })
        },
        return: () => {
          seen.returned = true
          return Promise.resolve({ done: true, value: undefined })
        },
      }
    },
  }
  return { iterable, seen }
}

async function collect(iterable: AsyncIterable<number>, onEach?: (value: number) => void): Promise<number[]> {
  const out: number[] = []
  for await (const value of iterable) {
    out.push(value)
    onEach?.(value)
  }
  return out
}

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('abortable', () => {
  it('yields every value of a source that ends, then releases the source', async () => {
    const { iterable, seen } = source([1, 2, 3])
    expect(await collect(abortable(iterable, new AbortController().signal))).toEqual([1, 2, 3])
    await settled()
    expect(seen.returned).toBe(true)
  })

  it('ends at once on abort, even while the source hangs and ignores the signal', async () => {
    const { iterable, seen } = source([1, 2, 3, 4], { hang: 2 })
    const controller = new AbortController()
    const loop = collect(abortable(iterable, controller.signal))
    await settled()
    controller.abort()
    expect(await loop).toEqual([1, 2])
    await settled()
    expect(seen.returned).toBe(true)
  })

  it('stops after the value during which the signal fired', async () => {
    const { iterable } = source([1, 2, 3, 4])
    const controller = new AbortController()
    expect(await collect(abortable(iterable, controller.signal), (v) => v === 2 && controller.abort())).toEqual([1, 2])
  })

  it('yields nothing for a signal aborted before it starts', async () => {
    const { iterable } = source([1, 2])
    const controller = new AbortController()
    controller.abort()
    expect(await collect(abortable(iterable, controller.signal))).toEqual([])
  })

  it("passes the source's failure on, and releases the source when the loop is left early", async () => {
    const failing = source([1, 2, 3], { failAt: 1 })
    await expect(collect(abortable(failing.iterable, new AbortController().signal))).rejects.toThrow('brain failed')
    const left = source([1, 2, 3])
    for await (const value of abortable(left.iterable, new AbortController().signal)) if (value === 1) break
    await settled()
    expect(left.seen.returned).toBe(true)
  })
})
