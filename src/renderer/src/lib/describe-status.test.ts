import { describe, expect, it } from 'vitest'
import type { LinkStatus } from '../../../shared/host'
import type { TransportStatus } from '../host/types'
import { describeStatus } from './describe-status'

const open: TransportStatus = { state: 'open', attempt: 0 }
const link = (over: Partial<LinkStatus>): LinkStatus => ({
  state: 'ready',
  serverUrl: 'ws://127.0.0.1:1/v1/chat/stream',
  serverKind: 'custom',
  since: 0,
  attempt: 0,
  ...over,
})

describe('describeStatus', () => {
  it('says a server nobody answers for is unreachable, with Test connection and Settings', () => {
    const summary = describeStatus(open, link({ state: 'reconnecting', attempt: 1, reasonCode: 'linkUnreachable', reason: 'Cannot reach 127.0.0.1:1 (connection refused)' }))
    expect(summary.problem).toEqual({ text: { key: 'problem.unreachable', params: { host: '127.0.0.1:1' } }, actions: ['test', 'settings'] })
    expect(summary.canRetry).toBe(true)
  })

  it('asks for an API key or user id with the host’s words (the server’s fix included), without Reconnect now', () => {
    const params = { message: 'Invalid API key', fix: 'Check your tenant API key value.' }
    const refused = describeStatus(open, link({ state: 'auth-failed', reasonCode: 'lexiconAuthError', reasonParams: params, reason: 'x' }))
    expect(refused.label).toEqual({ key: 'problem.apiKeyLabel' })
    expect(refused.problem).toEqual({ text: { key: 'host.texts.lexiconAuthError', params }, actions: ['token'] })
    const none = describeStatus(open, link({ state: 'auth-failed', reasonCode: 'linkNoApiKey', reason: 'No API key set' }))
    expect(none.problem?.text).toEqual({ key: 'host.texts.linkNoApiKey', params: {} })
    expect([refused.canRetry, none.canRetry]).toEqual([false, false])
  })

  it('tells no token from a refused one, neither with Reconnect now', () => {
    const none = describeStatus(open, link({ state: 'auth-failed', reasonCode: 'linkNoToken', reason: 'No token set' }))
    expect(none.label).toEqual({ key: 'problem.tokenNeeded' })
    expect(none.problem?.actions).toEqual(['token'])
    const refused = describeStatus(open, link({ state: 'auth-failed', reasonCode: 'linkTokenRefused', reasonParams: { error: 'Invalid' }, reason: 'x' }))
    expect(refused.label).toEqual({ key: 'problem.tokenRefusedLabel' })
    expect(refused.problem?.text).toEqual({ key: 'problem.tokenRefusedBecause', params: { host: '127.0.0.1:1', reason: 'Invalid' } })
    expect([none.canRetry, refused.canRetry]).toEqual([false, false])
  })

  it('offers no Settings for a token given at start, which Settings does not hold', () => {
    const refused = describeStatus(open, link({ state: 'auth-failed', reasonCode: 'linkTokenClosed', reason: 'x' }), false)
    expect(refused.problem).toEqual({ text: { key: 'problem.tokenRefusedGiven', params: { host: '127.0.0.1:1' } }, actions: [] })
  })

  it('raises no problem while connected or stopped on purpose', () => {
    expect(describeStatus(open, link({})).problem).toBeUndefined()
    expect(describeStatus(open, link({ state: 'offline', reasonCode: 'linkStopped', reason: 'Stopped' })).problem).toBeUndefined()
  })
})
