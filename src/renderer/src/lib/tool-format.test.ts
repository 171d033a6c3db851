/** Tool cards: JSON pretty-printed, text kept as text, huge values cut, a short summary line. */
import { describe, expect, it } from 'vitest'
import { MAX_SHOWN_CHARS, formatToolValue, summarizeToolArgs } from './tool-format'

describe('formatToolValue', () => {
  it('pretty-prints objects, arrays and scalars as JSON', () => {
    expect(formatToolValue({ expression: '2+2', precise: true })).toEqual({
      kind: 'json',
      text: '{\n  "expression": "2+2",\n  "precise": true\n}',
    })
    expect(formatToolValue([1, 2])).toEqual({ kind: 'json', text: '[\n  1,\n  2\n]' })
    expect(formatToolValue(4)).toEqual({ kind: 'json', text: '4' })
    expect(formatToolValue(null)).toEqual({ kind: 'json', text: 'null' })
  })

  it('decodes a string that holds JSON, keeps other text as it is', () => {
    expect(formatToolValue('{"value":4}')).toEqual({ kind: 'json', text: '{\n  "value": 4\n}' })
    expect(formatToolValue('It is 21 °C in Lyon.\nSunny.')).toEqual({ kind: 'text', text: 'It is 21 °C in Lyon.\nSunny.' })
    expect(formatToolValue('{not json')).toEqual({ kind: 'text', text: '{not json' })
  })

  it('says when there is nothing (a result not yet in)', () => {
    expect(formatToolValue(undefined)).toEqual({ kind: 'none', text: '' })
  })

  it('cuts a huge value and says how much is left out', () => {
    const shown = formatToolValue('x'.repeat(MAX_SHOWN_CHARS + 5))
    expect(shown.text.startsWith('x'.repeat(MAX_SHOWN_CHARS))).toBe(true)
    expect(shown.text.endsWith('… (5 more characters)')).toBe(true)
  })
})

describe('summarizeToolArgs', () => {
  it('lists an object as key: value pairs on one line', () => {
    expect(summarizeToolArgs({ expression: '2 + 2' })).toBe('expression: 2 + 2')
    expect(summarizeToolArgs('{"city":"Lyon","days":3}')).toBe('city: Lyon, days: 3')
  })

  it('shortens a long line with an ellipsis', () => {
    const line = summarizeToolArgs({ text: 'word '.repeat(40) }, 20)
    expect(line).toHaveLength(20)
    expect(line.endsWith('…')).toBe(true)
  })

  it('is empty for missing arguments', () => {
    expect(summarizeToolArgs(undefined)).toBe('')
    expect(summarizeToolArgs(null)).toBe('')
  })
})
