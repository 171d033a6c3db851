// @vitest-environment jsdom
/** Finding a spoken sentence in the rendered answer, across formatting and line breaks. */
import { describe, expect, it } from 'vitest'
import { findSentence } from './text-range'

function rendered(html: string): HTMLElement {
  const root = document.createElement('div')
  root.innerHTML = html
  return root
}

describe('findSentence', () => {
  it('spans formatted text and collapses whitespace', () => {
    const root = rendered('<p>One.\nThe <strong>second</strong>   one, with a <a href="https://x.example/">link</a>.</p><p>Three.</p>')
    expect(findSentence(root, 'The **second** one, with a [link](https://x.example/).')?.range.toString()).toBe(
      'The second   one, with a link.',
    )
    expect(findSentence(root, 'Three.')?.range.toString()).toBe('Three.')
  })

  it('takes the next occurrence after the last spoken sentence, else the first', () => {
    const root = rendered('<p>Yes. No. Yes.</p>')
    const first = findSentence(root, 'Yes.')
    expect(first?.end).toBe(4)
    const again = findSentence(root, 'Yes.', first?.end)
    expect(again?.range.startOffset).toBe(9)
    expect(findSentence(root, 'No.', 99)?.range.toString()).toBe('No.')
  })

  it('finds nothing for text that is not there', () => {
    expect(findSentence(rendered('<p>Hello.</p>'), 'Goodbye.')).toBeUndefined()
    expect(findSentence(rendered('<p>Hello.</p>'), '   ')).toBeUndefined()
  })
})
