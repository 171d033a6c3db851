import { describe, expect, it } from 'vitest'
import { toCaption } from '../../../src/shared/speech'

describe('toCaption', () => {
  it('shows the words of a markdown sentence without its marks', () => {
    expect(toCaption('The second sentence has **bold words** in it.')).toBe('The second sentence has bold words in it.')
    expect(toCaption('- a `code` word and a [link](https://example.com)')).toBe('a code word and a link')
    expect(toCaption('## A heading\nwith _emphasis_')).toBe('A heading with emphasis')
  })

  it('keeps emoji and arrows, which a caption can show though a voice would not say them', () => {
    expect(toCaption('Open Settings → Server 🎉')).toBe('Open Settings → Server 🎉')
  })
})
