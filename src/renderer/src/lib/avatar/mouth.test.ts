/** One blend from the lip-sync signal to visemes and Live2D's mouth form. */
import { describe, expect, it } from 'vitest'
import { mouthForm, visemeWeights } from './mouth'

const sum = (w: Record<string, number>): number => Object.values(w).reduce((a, b) => a + b, 0)

describe('visemeWeights', () => {
  it('is all zero with the mouth shut', () => {
    expect(sum(visemeWeights(0, 0.3))).toBe(0)
  })

  it('shares the openness between the two nearest visemes on the round … wide axis', () => {
    expect(visemeWeights(1, 0)).toMatchObject({ ou: 1, oh: 0, aa: 0 })
    expect(visemeWeights(0.8, 0.5)).toMatchObject({ aa: 0.8, ee: 0 })
    expect(visemeWeights(1, 1)).toMatchObject({ ih: 1 })
    const between = visemeWeights(0.6, 0.625)
    expect(between.aa).toBeCloseTo(0.3)
    expect(between.ee).toBeCloseTo(0.3)
    expect(sum(between)).toBeCloseTo(0.6)
  })

  it('clamps out-of-range input', () => {
    expect(sum(visemeWeights(3, -2))).toBeCloseTo(1)
  })
})

describe('mouthForm', () => {
  it('maps round … wide onto -1 … 1', () => {
    expect(mouthForm(0)).toBe(-1)
    expect(mouthForm(0.5)).toBe(0)
    expect(mouthForm(1)).toBe(1)
  })
})
