import { describe, expect, it } from 'vitest'
import { formatBridgeError, HostError } from '../../../shared/host'
import { toHostError } from './validate'

describe('toHostError', () => {
  it('gets the text code and params back from an error that crossed the contextBridge', () => {
    const crossed = new Error(`Error: ${formatBridgeError('invalid-request', 'The image is larger than 20 MB', { textCode: 'imageTooLarge', params: { max: 20 } })}`)
    const error = toHostError(crossed)
    expect(error).toBeInstanceOf(HostError)
    expect(error).toMatchObject({ code: 'invalid-request', message: 'The image is larger than 20 MB', textCode: 'imageTooLarge', params: { max: 20 } })
  })

  it('keeps the code and message but drops words it cannot check', () => {
    const crossed = new Error(formatBridgeError('refused', 'No', { textCode: 'diskFull', params: { nested: { no: true } } }))
    expect(toHostError(crossed)).toMatchObject({ code: 'refused', message: 'No', textCode: undefined, params: undefined })
    expect(toHostError(new Error('[made-up] x'))).toMatchObject({ code: 'internal', message: '[made-up] x' })
  })
})
