/** Every message and answer state has its words; stops are quiet, errors say what to do. */
import { describe, expect, it } from 'vitest'
import { messages } from '../i18n'
import { say, type LocalText, type MessageKey } from './local-text'
import { describeMessage, describeTurn } from './message-status'

/** English, as the screen shows it (`{name}` filled in). */
const english = (text: LocalText | undefined): string | undefined =>
  text &&
  say((name: MessageKey, params) => {
    const template = name.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages.en) as string
    return template.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p]))
  }, text)

describe('describeTurn', () => {
  it('says an answer is coming, and nothing once it is done', () => {
    expect(english(describeTurn({ state: 'streaming' })?.label)).toBe('Answering…')
    expect(describeTurn({ state: 'done' })).toBeUndefined()
  })

  it('tells a stop by the reader from a lost connection', () => {
    const stopped = describeTurn({ state: 'interrupted', reason: 'interrupted' })
    expect(stopped?.tone).toBe('quiet')
    expect(english(stopped?.label)).toBe('Stopped')
    expect(stopped?.detail).toBeUndefined()
    const cut = describeTurn({ state: 'interrupted', reason: 'connection-lost' })
    expect(cut?.tone).toBe('warn')
    expect(english(cut?.label)).toBe('Cut off')
  })

  it('says an answer stopped at the text cap was too long', () => {
    const caption = describeTurn({ state: 'interrupted', reason: 'too-long' })
    expect(caption?.tone).toBe('warn')
    expect(english(caption?.label)).toBe('Too long')
    expect(english(caption?.detail)).toBe('The answer passed 4 MB of text, so Mira stopped it.')
  })

  it('keeps 4003 and 4004 to a quiet "Stopped"', () => {
    for (const errorCode of [4003, 4004]) {
      const caption = describeTurn({ state: 'failed', reason: 'Turn t1 interrupted', errorCode })
      expect(caption?.tone).toBe('quiet')
      expect(english(caption?.label)).toBe('Stopped')
    }
  })

  it('shows a server error with its code and what to do', () => {
    const caption = describeTurn({ state: 'failed', reason: 'Model overloaded', errorCode: 500 })
    expect(caption?.tone).toBe('danger')
    expect(english(caption?.label)).toBe('Error')
    expect(english(caption?.detail)).toBe('Model overloaded (500). Use Retry to ask again; if it keeps failing, check the server.')
    expect(english(describeTurn({ state: 'failed', reason: 'Unauthorized', errorCode: 401 })?.detail)).toContain('check it in Settings')
    expect(english(describeTurn({ state: 'failed', reason: 'Failed to process message', errorCode: null })?.detail)).toBe(
      'Failed to process message. Use Retry to ask again; if it keeps failing, check the server.',
    )
    expect(english(describeTurn({ state: 'failed' })?.detail)).toMatch(/^The server could not answer\. /)
  })

  it('words the codes other protocols name (SYMindX) with what to do', () => {
    const detail = (errorCode: string) => english(describeTurn({ state: 'failed', reason: 'Agent ghost not found', errorCode })?.detail)
    expect(detail('AGENT_NOT_FOUND')).toBe(
      'Agent ghost not found (AGENT_NOT_FOUND). The server has no agent of that name: set “Agent id” under Settings → Advanced, then use Retry.',
    )
    expect(detail('RATE_LIMIT_EXCEEDED')).toContain('wait a moment')
    expect(detail('UNAUTHORIZED')).toContain('check it in Settings')
    expect(detail('INVALID_MESSAGE')).toContain('edit it or use Retry')
    expect(detail('INTERNAL_ERROR')).toContain('check the server')
    expect(detail('toString')).toContain('check the server')
  })

  it('words General Bots’ codes with what to do', () => {
    const detail = (errorCode: string) => english(describeTurn({ state: 'failed', reason: 'Refused', errorCode })?.detail)
    expect(detail('AUTH_FAILED')).toContain('check it in Settings')
    expect(detail('RATE_LIMITED')).toContain('wait a moment')
    expect(detail('INVALID_FORMAT')).toContain('edit it or use Retry')
    expect(detail('MESSAGE_TOO_LARGE')).toContain('edit it or use Retry')
    expect(detail('SESSION_NOT_FOUND')).toContain('check the server')
  })
})

describe('describeMessage', () => {
  it('explains queued, sending, interrupted and failed; is silent once sent', () => {
    expect(english(describeMessage('queued')?.label)).toBe('Queued')
    expect(english(describeMessage('sending')?.label)).toBe('Sending…')
    expect(english(describeMessage('interrupted')?.detail)).toContain('Retry')
    // The server's reason is shown as the server wrote it, in any language.
    expect(describeMessage('failed', 'Missing agent_id')?.detail).toEqual({ text: 'Missing agent_id' })
    expect(english(describeMessage('failed')?.detail)).toBe('The server rejected this message.')
    expect(describeMessage('sent')).toBeUndefined()
    expect(describeMessage('answered')).toBeUndefined()
  })
})

describe('describeMessage with the message’s reason and its code', () => {
  const lost = { reason: 'Connection lost before the answer finished', reasonCode: 'messageConnectionLost' }

  it('says why an interrupted message stopped when the host gave the reason a code', () => {
    expect(english(describeMessage('interrupted', lost)?.detail)).toBe('Connection lost before the answer finished. Retry to ask again.')
    expect(describeMessage('interrupted', lost)?.detail).toMatchObject({ params: { reason: { key: 'host.texts.messageConnectionLost' } } })
  })

  it('keeps the general words for an uncoded or unknown reason, and a plain string as before', () => {
    const general = 'The answer was cut off. Retry to ask again.'
    expect(english(describeMessage('interrupted', { reason: 'Something new', reasonCode: 'fromANewerHost' })?.detail)).toBe(general)
    expect(english(describeMessage('interrupted', { reason: 'No code' })?.detail)).toBe(general)
    expect(english(describeMessage('interrupted', lost.reason)?.detail)).toBe(general)
  })

  it('says why a sent message waits when the host gave a coded reason (sent again after a rate limit)', () => {
    const busy = { reason: 'The server is busy (too many messages): sending again in 2 s', reasonCode: 'messageRateLimited', reasonParams: { seconds: 2 } }
    expect(english(describeMessage('sent', busy)?.label)).toBe('Sending…')
    expect(english(describeMessage('sent', busy)?.detail)).toBe('The server is busy (too many messages): sending again in 2 s')
    expect(describeMessage('sent', { reason: 'Uncoded' })).toBeUndefined()
  })

  it('shows the server’s own refusal as it is', () => {
    expect(describeMessage('failed', { reason: 'Missing agent_id' })?.detail).toEqual({ text: 'Missing agent_id' })
    expect(english(describeMessage('failed', {})?.detail)).toBe('The server rejected this message.')
  })
})
