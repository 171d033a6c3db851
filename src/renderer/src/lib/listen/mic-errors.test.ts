import { describe, expect, it } from 'vitest'
import { micProblemOf } from './mic-errors'

const domError = (name: string): Error => Object.assign(new Error('x'), { name })

describe('micProblemOf', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'insecure'],
    ['NotFoundError', 'no-device'],
    ['OverconstrainedError', 'no-device'],
    ['NotReadableError', 'busy'],
    ['TypeError', 'unsupported'],
    ['SomethingElse', 'failed'],
  ])('%s → %s', (name, problem) => {
    expect(micProblemOf(domError(name))).toBe(problem)
  })

  it('reads plain objects (DOMException-like) and gives up on anything else', () => {
    expect(micProblemOf({ name: 'NotAllowedError' })).toBe('denied')
    expect(micProblemOf('boom')).toBe('failed')
    expect(micProblemOf(undefined)).toBe('failed')
  })
})
