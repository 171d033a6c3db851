/** The stage's drop hint shows for what may be a model (a drag shows types, never names), not for images or text. */
import { describe, expect, it } from 'vitest'
import { carriesModel } from './use-character-drop'

const file = (type: string) => ({ kind: 'file', type })

describe('carriesModel', () => {
  it('is true for a .vrm or a folder (no type) and a zip', () => {
    expect(carriesModel([file('')])).toBe(true)
    expect(carriesModel([file('application/zip')])).toBe(true)
  })

  it('is false for images (the backgrounds’), text and links, and nothing', () => {
    expect(carriesModel([file('image/png')])).toBe(false)
    expect(carriesModel([file(''), file('image/webp')])).toBe(false)
    expect(carriesModel([{ kind: 'string', type: 'text/plain' }])).toBe(false)
    expect(carriesModel([])).toBe(false)
  })
})
