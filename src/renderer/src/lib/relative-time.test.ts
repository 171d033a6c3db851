/** The conversation list's times follow the reader's language. */
import { describe, expect, it } from 'vitest'
import { relativeTime } from './relative-time'

const NOW = new Date(2025, 5, 15, 12, 0).getTime()
const ago = (ms: number): number => NOW - ms
const MIN = 60_000

describe('relativeTime', () => {
  it('says "just now" in the words it is given for the last minute', () => {
    expect(relativeTime(ago(20_000), NOW, 'en', 'just now')).toBe('just now')
    expect(relativeTime(ago(20_000), NOW, 'ja', 'たった今')).toBe('たった今')
  })

  it('counts minutes, hours and days in the locale', () => {
    expect(relativeTime(ago(5 * MIN), NOW, 'en', '')).toBe('5 min. ago')
    expect(relativeTime(ago(5 * MIN), NOW, 'ja', '')).toBe('5 分前')
    expect(relativeTime(ago(5 * MIN), NOW, 'ko', '')).toBe('5분 전')
    expect(relativeTime(ago(3 * 60 * MIN), NOW, 'en', '')).toBe('3 hr. ago')
    expect(relativeTime(ago(26 * 60 * MIN), NOW, 'en', '')).toBe('yesterday')
    expect(relativeTime(ago(26 * 60 * MIN), NOW, 'ja', '')).toBe('昨日')
    expect(relativeTime(ago(26 * 60 * MIN), NOW, 'ko', '')).toBe('어제')
    expect(relativeTime(ago(3 * 24 * 60 * MIN), NOW, 'en', '')).toBe('3 days ago')
  })

  it('gives the date after a week, with the year only when it differs', () => {
    expect(relativeTime(new Date(2025, 0, 2).getTime(), NOW, 'en', '')).toBe('Jan 2')
    expect(relativeTime(new Date(2024, 0, 2).getTime(), NOW, 'en', '')).toBe('Jan 2, 2024')
    expect(relativeTime(new Date(2025, 0, 2).getTime(), NOW, 'ja', '')).toBe('1月2日')
  })

  it('says nothing for an unknown time', () => {
    expect(relativeTime(0, NOW, 'en', 'just now')).toBe('')
  })
})
