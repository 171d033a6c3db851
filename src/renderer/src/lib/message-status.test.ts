/** Every message and answer state has its words; stops are quiet, errors say what to do. */
import { describe, expect, it } from 'vitest'
import { describeMessage, describeTurn } from './message-status'

describe('describeTurn', () => {
  it('says an answer is coming, and nothing once it is done', () => {
    expect(describeTurn({ state: 'streaming' })?.label).toBe('Answering…')
    expect(describeTurn({ state: 'done' })).toBeUndefined()
  })

  it('tells a stop by the reader from a lost connection', () => {
    expect(describeTurn({ state: 'interrupted', reason: 'interrupted' })).toEqual({ tone: 'quiet', label: 'Stopped' })
    expect(describeTurn({ state: 'interrupted', reason: 'connection-lost' })).toMatchObject({ tone: 'warn', label: 'Cut off' })
  })

  it('keeps 4003 and 4004 to a quiet "Stopped"', () => {
    for (const errorCode of [4003, 4004]) {
      expect(describeTurn({ state: 'failed', reason: 'Turn t1 interrupted', errorCode })).toEqual({ tone: 'quiet', label: 'Stopped' })
    }
  })

  it('shows a server error with its code and what to do', () => {
    expect(describeTurn({ state: 'failed', reason: 'Model overloaded', errorCode: 500 })).toEqual({
      tone: 'danger',
      label: 'Error',
      detail: 'Model overloaded (500). Use Retry to ask again; if it keeps failing, check the server.',
    })
    expect(describeTurn({ state: 'failed', reason: 'Unauthorized', errorCode: 401 })?.detail).toContain('check it in Settings')
    expect(describeTurn({ state: 'failed', reason: 'Failed to process message', errorCode: null })?.detail).toBe(
      'Failed to process message. Use Retry to ask again; if it keeps failing, check the server.',
    )
  })
})

describe('describeMessage', () => {
  it('explains queued, sending, interrupted and failed; is silent once sent', () => {
    expect(describeMessage('queued')?.label).toBe('Queued')
    expect(describeMessage('sending')?.label).toBe('Sending…')
    expect(describeMessage('interrupted')?.detail).toContain('Retry')
    expect(describeMessage('failed', 'Missing agent_id')).toEqual({ tone: 'danger', label: 'Failed', detail: 'Missing agent_id' })
    expect(describeMessage('sent')).toBeUndefined()
    expect(describeMessage('answered')).toBeUndefined()
  })
})
