/** A built-in expression → the model's own, through the character's emotion map. */
import { describe, expect, it } from 'vitest'
import { modelExpression } from './model-expression'

describe('modelExpression', () => {
  it('takes the entry for the expression, else one for a word that means it', () => {
    expect(modelExpression('happy', { happy: 'Smile', joy: 3 })).toBe('Smile')
    expect(modelExpression('happy', { joy: 3, neutral: 0 })).toBe(3)
    expect(modelExpression('sad', { sadness: 'F04' })).toBe('F04')
  })

  it('is undefined when the map has nothing for it', () => {
    expect(modelExpression('angry', { joy: 3 })).toBeUndefined()
    expect(modelExpression('neutral', {})).toBeUndefined()
  })
})
