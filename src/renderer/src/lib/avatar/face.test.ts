/** The face geometry: blending, a shut mouth is a line, the voice opens it, lids close the eye. */
import { describe, expect, it } from 'vitest'
import { EYES, FACES, MOUTH, mixFace, mouthPath, upperLid } from './face'

/** The y coordinates of the mouth path's two control points (upper and lower curve). */
const controls = (outline: string): number[] =>
  [...outline.matchAll(/Q[\d.-]+ ([\d.-]+)/g)].map((m) => Number(m[1]))

describe('avatar face', () => {
  it('blends expressions linearly and lands exactly on the target', () => {
    const half = mixFace(FACES.neutral, FACES.happy, 0.5)
    expect(half.mouthCurve).toBeCloseTo((FACES.neutral.mouthCurve + FACES.happy.mouthCurve) / 2)
    expect(mixFace(FACES.neutral, FACES.sad, 1)).toEqual(FACES.sad)
  })

  it('draws a shut neutral mouth as one curve, and opens it with the voice', () => {
    const [upper, lower] = controls(mouthPath(MOUTH, FACES.neutral, 0, 0.5).outline)
    expect(lower).toBe(upper)
    const [openUpper, openLower] = controls(mouthPath(MOUTH, FACES.neutral, 1, 0.5).outline)
    // Visible next to the body (260 units tall): a full voice opens the mouth by more than a seventh of it.
    expect((openLower ?? 0) - (openUpper ?? 0)).toBeGreaterThan(260 / 7)
  })

  it('keeps a surprised "o" open without a voice, and frowns when sad', () => {
    const [upper, lower] = controls(mouthPath(MOUTH, FACES.surprised, 0, 0.5).outline)
    expect((lower ?? 0) - (upper ?? 0)).toBeGreaterThan(10)
    // Corners below the middle of the upper lip: a frown.
    const sad = mouthPath(MOUTH, FACES.sad, 0, 0.5).outline
    const cornerY = Number(/^M[\d.-]+ ([\d.-]+)/.exec(sad)?.[1])
    expect(cornerY).toBeGreaterThan(MOUTH.cy)
  })

  it('moves the upper lid from above the eye (open) to below its middle (shut)', () => {
    const eye = EYES.L
    const lidY = (open: number): number => Number(/^M[\d.-]+ ([\d.-]+)/.exec(upperLid(eye, open, 0).edge)?.[1])
    expect(lidY(1)).toBeLessThan(eye.cy - eye.ry)
    expect(lidY(0)).toBeGreaterThan(eye.cy)
  })
})
