import { describe, expect, it } from 'vitest'
import { SseParser } from '../../../src/server/brains/openai/sse'
import { ToolCallAccumulator } from '../../../src/server/brains/openai/tool-calls'

function feed(pieces: string[]): string[] {
  const parser = new SseParser()
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()]
}

describe('SseParser', () => {
  it('splits events on blank lines with any line ending, even split across chunks', () => {
    expect(feed(['data: a\n\ndata: b\r', '\n\r', '\ndata: c\r\rdata: d\n\n'])).toEqual(['a', 'b', 'c', 'd'])
    // A \r\n split between chunks is one line end, not two (which would end the event early).
    expect(feed(['data: 1\r', '\ndata: 2\r\n\r\n'])).toEqual(['1\n2'])
  })

  it('joins multi-line data, strips one leading space, and ignores comments and other fields', () => {
    const text = ': keep-alive\nevent: message\nid: 7\ndata:  two spaces\ndata:x\ndata\nretry: 5\n\n'
    expect(feed([text])).toEqual([' two spaces\nx\n'])
  })

  it('keeps a last event that lacks its blank line and drops empty events', () => {
    expect(feed(['\n\n', 'data: [DONE]'])).toEqual(['[DONE]'])
    expect(feed(['data: x\r'])).toEqual(['x'])
  })

  it('handles one character at a time', () => {
    const text = 'data: {"a":1}\r\n\r\ndata: {"b":2}\n\n'
    expect(feed([...text])).toEqual(['{"a":1}', '{"b":2}'])
  })
})

describe('ToolCallAccumulator', () => {
  it('joins argument pieces by index and keeps index order', () => {
    const calls = new ToolCallAccumulator()
    calls.add({ index: 1, id: 'b', function: { name: 'second', arguments: '' } })
    calls.add({ index: 0, id: 'a', function: { name: 'first', arguments: '{"x"' } })
    calls.add({ index: 1, function: { arguments: '{}' } })
    calls.add({ index: 0, function: { arguments: ':1}' } })
    expect(calls.finish(0)).toEqual([
      { id: 'a', name: 'first', arguments: '{"x":1}' },
      { id: 'b', name: 'second', arguments: '{}' },
    ])
  })

  it('copes with providers that omit the index or the id, or send decoded arguments', () => {
    const calls = new ToolCallAccumulator()
    calls.add({ id: 'a', function: { name: 'one', arguments: '{"q":' } })
    calls.add({ function: { arguments: '"x"}' } })
    calls.add({ id: 'b', function: { name: 'two', arguments: { n: 2 } } })
    calls.add({ index: 5, function: { name: 'three' } })
    expect(calls.finish(3)).toEqual([
      { id: 'a', name: 'one', arguments: '{"q":"x"}' },
      { id: 'b', name: 'two', arguments: '{"n":2}' },
      { id: 'call_3_5', name: 'three', arguments: '' },
    ])
  })
})
