/** The log window's arithmetic: which entries stay rendered as the log grows, is scrolled up, or is replaced. */
import { describe, expect, it } from 'vitest'
import { LogWindow } from './windowed-log'

describe('LogWindow', () => {
  it('keeps the last `size` entries while the reader follows the end', () => {
    const span = new LogWindow(4, 2)
    span.reset(3)
    expect(span.start).toBe(0)
    for (let length = 4; length <= 10; length++) span.resized(length, true)
    expect(span.start).toBe(6)
  })

  it('drops nothing while the reader is scrolled up, and trims again once they follow', () => {
    const span = new LogWindow(4, 2)
    span.reset(10)
    expect(span.start).toBe(6)
    span.resized(14, false)
    expect(span.start).toBe(6)
    span.resized(15, true)
    expect(span.start).toBe(11)
  })

  it('brings earlier entries back a step at a time, down to the first', () => {
    const span = new LogWindow(4, 3)
    span.reset(10)
    expect([span.earlier(), span.start]).toEqual([true, 3])
    expect([span.earlier(), span.start]).toEqual([true, 0])
    expect([span.earlier(), span.start]).toEqual([false, 0])
  })

  it('still shows a full window of a list that shrank, and shows the end of a new list', () => {
    const span = new LogWindow(4, 2)
    span.reset(10)
    span.resized(9, false)
    expect(span.start).toBe(5)
    span.resized(3, false)
    expect(span.start).toBe(0)
    span.reset(2)
    expect(span.start).toBe(0)
  })
})
