/** Reason lines: the English words for logs and the CLI, and the code and params the UI words itself. */
import { describe, expect, it } from 'vitest'
import { closeReason, socketErrorReason } from '../../../src/main/core/link/reasons'

const errno = (code: string, message = `connect ${code}`): Error => Object.assign(new Error(message), { code })

describe('link reasons', () => {
  it('names socket errors by errno, HTTP status and TLS, keeping the English line', () => {
    expect(socketErrorReason('h:1', errno('ENOTFOUND'))).toEqual({
      text: 'Cannot reach h:1 (host not found)',
      textCode: 'linkUnreachable',
      params: { host: 'h:1', cause: 'ENOTFOUND' },
    })
    expect(socketErrorReason('h:1', new Error('Unexpected server response: 404'))).toMatchObject({ textCode: 'linkNotAgentServer', params: { host: 'h:1', status: 404 } })
    expect(socketErrorReason('h:1', errno('ERR_TLS_CERT_ALTNAME_INVALID', 'bad cert'))).toMatchObject({
      textCode: 'linkTlsFailed',
      params: { error: 'bad cert' },
    })
    // An error without a known errno: its own words are the cause.
    expect(socketErrorReason('h:1', new Error('weird'))).toMatchObject({ text: 'Cannot reach h:1 (weird)', params: { cause: 'weird' } })
    expect(socketErrorReason('h:1', errno('ECONNREFUSED')).text).toBe('Cannot reach h:1 (connection refused)')
  })

  it('names closes by code, with the server’s reason only when it adds something', () => {
    expect(closeReason('h:1', 1001, 'Server shutting down')).toEqual({
      text: 'h:1 closed the connection (1001 server going away: Server shutting down)',
      textCode: 'linkClosedReason',
      params: { host: 'h:1', code: 1001, close: 'goingAway', reason: 'Server shutting down' },
    })
    expect(closeReason('h:1', 1000, 'normal closure')).toMatchObject({ textCode: 'linkClosed', params: { code: 1000, close: 'normal' } })
    expect(closeReason('h:1', 4321, '')).toMatchObject({ text: 'h:1 closed the connection (4321 closed)', params: { close: 'closed' } })
    expect(closeReason('h:1', 1006, '')).toEqual({ text: 'Connection to h:1 lost (abnormal closure, no close frame)', textCode: 'linkLost', params: { host: 'h:1' } })
    expect(closeReason('h:1', 1006, '', new Error('read ECONNRESET'))).toMatchObject({
      text: 'Connection to h:1 lost (abnormal closure, no close frame): read ECONNRESET',
      textCode: 'linkLostError',
      params: { error: 'read ECONNRESET' },
    })
  })
})
