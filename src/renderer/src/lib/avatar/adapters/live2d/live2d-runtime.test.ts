// @vitest-environment jsdom
/** The Core a user supplies may be older than the engine expects: it is shimmed, never replaced. */
import { afterEach, describe, expect, it } from 'vitest'
import { shimOldCore } from './live2d-runtime'

afterEach(() => {
  delete window.Live2DCubismCore
})

describe('shimOldCore', () => {
  it('gives Cubism Core 4.2 (no Memory at all) a no-op initializeAmountOfMemory', () => {
    window.Live2DCubismCore = { Moc: class {}, Model: class {} }
    shimOldCore()
    expect(typeof window.Live2DCubismCore.Memory?.initializeAmountOfMemory).toBe('function')
    expect(window.Live2DCubismCore.Memory?.initializeAmountOfMemory?.(16 * 1024 * 1024)).toBeUndefined()
  })

  it('fills in a Memory that lacks the call, and leaves a Core 5’s own alone', () => {
    window.Live2DCubismCore = { Memory: {} }
    shimOldCore()
    expect(typeof window.Live2DCubismCore.Memory?.initializeAmountOfMemory).toBe('function')
    const own = (): void => undefined
    window.Live2DCubismCore = { Memory: { initializeAmountOfMemory: own } }
    shimOldCore()
    expect(window.Live2DCubismCore.Memory?.initializeAmountOfMemory).toBe(own)
  })

  it('does nothing when no Core is loaded', () => {
    shimOldCore()
    expect(window.Live2DCubismCore).toBeUndefined()
  })
})
