import { describe, expect, it } from 'vitest'
import { swipeOf } from './sheet-swipe'

describe('swipeOf', () => {
  it('a long drag, or a short quick flick, is a swipe; a small or slow nudge is not', () => {
    expect(swipeOf(120, 400)).toBe('down')
    expect(swipeOf(-90, 600)).toBe('up')
    expect(swipeOf(30, 40)).toBe('down')
    expect(swipeOf(-30, 40)).toBe('up')
    expect(swipeOf(30, 400)).toBeUndefined()
    expect(swipeOf(8, 4)).toBeUndefined()
    expect(swipeOf(0, 0)).toBeUndefined()
  })
})
