/** The shared emitter: each event reaches the listeners there were when it fired, once each. */
import { describe, expect, it } from 'vitest'
import { Emitter } from '../../src/shared/emitter'

class Bell extends Emitter<{ ring: number }> {
  ring(n: number): void {
    this.emit('ring', n)
  }
}

describe('Emitter', () => {
  it('calls a listener once however often it was added, and no more after off', () => {
    const bell = new Bell()
    const heard: number[] = []
    const listener = (n: number) => heard.push(n)
    bell.on('ring', listener)
    const off = bell.on('ring', listener)
    bell.ring(1)
    off()
    bell.ring(2)
    expect(heard).toEqual([1])
  })

  it('lets a change made during an event take effect from the next event on', () => {
    const bell = new Bell()
    const heard: string[] = []
    const late = (n: number) => heard.push(`late ${n}`)
    const second = (n: number) => heard.push(`second ${n}`)
    bell.on('ring', (n) => {
      heard.push(`first ${n}`)
      if (n === 1) {
        bell.on('ring', late)
        bell.off('ring', second)
      }
    })
    bell.on('ring', second)
    bell.ring(1)
    bell.ring(2)
    expect(heard).toEqual(['first 1', 'second 1', 'first 2', 'late 2'])
  })
})
