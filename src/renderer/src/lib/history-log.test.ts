import { describe, expect, it } from 'vitest'
import { historyLog, TOOL_RESULT_NOT_KEPT } from './history-log'
import { relativeTime } from './relative-time'

describe('historyLog', () => {
  it('turns past messages into answered messages and finished answers, in order', () => {
    const log = historyLog('k', [
      { role: 'user', text: 'Weather?', at: 5 },
      { role: 'assistant', text: 'Sunny.', tools: ['get_weather'] },
      { role: 'user', text: 'Story?' },
      { role: 'assistant', text: 'Once', interrupted: true },
    ])
    expect(log.entries).toEqual([
      { kind: 'message', id: 'past:k:0' },
      { kind: 'turn', id: 'past:k:1' },
      { kind: 'message', id: 'past:k:2' },
      { kind: 'turn', id: 'past:k:3' },
    ])
    expect(log.messages['past:k:0']).toEqual({ id: 'past:k:0', conversationKey: 'k', text: 'Weather?', createdAt: 5, state: 'answered' })
    expect(log.turns['past:k:1']).toMatchObject({ state: 'done', tools: [{ name: 'get_weather', done: true, result: TOOL_RESULT_NOT_KEPT }] })
    expect(log.turns['past:k:3']).toMatchObject({ state: 'interrupted', reason: 'interrupted', text: 'Once' })
  })
})

describe('relativeTime', () => {
  const now = Date.UTC(2025, 5, 15, 12)
  it('reads like a person would say it', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now')
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago')
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago')
    expect(relativeTime(now - 30 * 3_600_000, now)).toBe('yesterday')
    expect(relativeTime(now - 4 * 86_400_000, now)).toBe('4 days ago')
    expect(relativeTime(now - 40 * 86_400_000, now)).toMatch(/May|6/)
    expect(relativeTime(0, now)).toBe('')
  })
})
