import { describe, expect, it } from 'vitest'
import { historyLog } from './history-log'

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
    expect(log.turns['past:k:1']).toMatchObject({ state: 'done', tools: [{ name: 'get_weather', done: true, resultNotKept: true }] })
    expect(log.turns['past:k:3']).toMatchObject({ state: 'interrupted', reason: 'interrupted', text: 'Once' })
  })
})
