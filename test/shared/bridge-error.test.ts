/** A host error across Electron's contextBridge: code, text code and params packed into the message and back. */
import { describe, expect, it } from 'vitest'
import { formatBridgeError, parseBridgeError } from '../../src/shared/host/channels'

describe('bridge errors', () => {
  it('keeps the plain form for an error without a text code', () => {
    expect(formatBridgeError('not-ready', 'The link is not ready')).toBe('[not-ready] The link is not ready')
    expect(parseBridgeError('Error: [not-ready] The link is not ready')).toEqual({ code: 'not-ready', message: 'The link is not ready' })
  })

  it('carries the text code and params, whatever the params and the message hold', () => {
    const params = { max: 20, error: 'a ] b [c] "d" %' }
    const text = formatBridgeError('invalid-request', 'Bad [thing] here', { textCode: 'imageTooLarge', params })
    expect(parseBridgeError(`Error invoking remote method: Error: ${text}`)).toEqual({
      code: 'invalid-request',
      message: 'Bad [thing] here',
      textCode: 'imageTooLarge',
      params,
    })
    expect(parseBridgeError(formatBridgeError('refused', 'Disk full', { textCode: 'diskFull' }))).toEqual({ code: 'refused', message: 'Disk full', textCode: 'diskFull' })
  })

  it('drops a text code it cannot carry, and params that do not decode', () => {
    expect(formatBridgeError('internal', 'x', { textCode: 'no spaces] please', params: { a: 1 } })).toBe('[internal] x')
    expect(parseBridgeError('[internal bad %E0%A4%A] x')).toEqual({ code: 'internal', message: 'x', textCode: 'bad', params: undefined })
  })
})
