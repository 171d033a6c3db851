/** The protocol parser on every frame of chat-stream.md, as the real server sends them. */
import { describe, expect, it } from 'vitest'
import {
  clientFrameSchemas,
  decodeJsonText,
  isInformationalErrorCode,
  parseClientFrame,
  parseServerFrame,
  serverFrameSchemas,
  type RawFrame,
} from '../../src/shared/protocol'

const Q = { id: null, timestamp: null } // the real server's envelope quirk
const wire = (frame: Record<string, unknown>) => JSON.stringify({ ...frame, ...Q })

function serverOk(raw: RawFrame) {
  const result = parseServerFrame(raw)
  if (!result.ok) throw new Error(`expected a valid frame, got ${result.bad.message}`)
  return result.frame
}

function clientOk(raw: RawFrame) {
  const result = parseClientFrame(raw)
  if (!result.ok) throw new Error(`expected a valid frame, got ${result.bad.message}`)
  return result.frame
}

describe('parseServerFrame: every server frame, with the real quirks', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['authorize_success', { connection_id: 'c-1' }, { connection_id: 'c-1' }],
    ['authorize_error', { error: 'Invalid token' }, { error: 'Invalid token' }],
    ['authorize_error (error null)', { error: null }, { error: 'Authentication failed' }],
    ['ping', {}, {}],
    ['stream_start', { turn_id: 't', conversation_id: 'c' }, { turn_id: 't', conversation_id: 'c' }],
    ['stream_token (no turn_id, node null)', { chunk: 'Hi', node: null }, { chunk: 'Hi', node: undefined }],
    ['stream_token (node set)', { chunk: '', node: 'llm' }, { chunk: '', node: 'llm' }],
    ['tts_ready_chunk (emotion null)', { chunk: 'Hello.', emotion: null }, { chunk: 'Hello.', emotion: undefined }],
    ['tts_ready_chunk (emotion)', { chunk: 'Yay!', emotion: 'happy' }, { chunk: 'Yay!', emotion: 'happy' }],
    ['tool_call (args a JSON string)', { tool_name: 'clock', args: '{"tz":"UTC"}', node: null }, { tool_name: 'clock', args: '{"tz":"UTC"}' }],
    ['tool_result (no tool_name)', { result: '{"t":1}' }, { result: '{"t":1}' }],
    ['stream_end', { turn_id: 't', conversation_id: 'c', content: 'All.' }, { turn_id: 't', conversation_id: 'c', content: 'All.' }],
    ['stream_end (content null)', { turn_id: 't', conversation_id: null, content: null }, { conversation_id: undefined, content: undefined }],
    ['error (code null)', { error: 'Invalid JSON format', code: null }, { error: 'Invalid JSON format', code: null }],
    ['error (no code field)', { error: 'x' }, { code: null }],
    ['error (4003 with turn_id)', { error: 'Turn t interrupted', code: 4003, turn_id: 't' }, { code: 4003, turn_id: 't' }],
    ['background_files', { files: ['/bg/night.jpg'] }, { files: ['/bg/night.jpg'] }],
    ['background_files (files null)', { files: null }, { files: [] }],
    ['avatar_config_files', { configs: [{ filename: 'a.yaml', name: 'A' }] }, { configs: [{ filename: 'a.yaml', name: 'A' }] }],
    ['avatar_config_switched', { file: 'a.yaml' }, { file: 'a.yaml' }],
    [
      'set_model_and_conf (Live2D dictionary shape)',
      {
        model_info: { url: '/live2d/m/runtime/m.model3.json', kScale: 0.5, emotionMap: { happy: 1 }, initialXshift: null },
        conf_name: 'M',
        conf_uid: 'm',
        client_uid: 'c',
      },
      { model_info: { url: '/live2d/m/runtime/m.model3.json', kScale: 0.5, emotionMap: { happy: 1 }, initialXshift: undefined }, conf_name: 'M' },
    ],
    [
      'set_model_and_conf (docs variant, model_info null elsewhere)',
      { model_info: { model_path: 'm.model3.json', expressions: ['a'], motions: {} }, conf_name: null },
      { model_info: { model_path: 'm.model3.json', expressions: ['a'], motions: {} }, conf_name: undefined },
    ],
    ['set_model_and_conf (model_info null)', { model_info: null }, { model_info: {} }],
  ]

  it('covers every server frame type', () => {
    const covered = new Set(cases.map(([name]) => name.split(' ')[0]))
    expect([...covered].sort()).toEqual(Object.keys(serverFrameSchemas).sort())
  })

  it.each(cases)('%s', (name, fields, expected) => {
    const type = name.split(' ')[0] as string
    const frame = serverOk(wire({ type, ...fields }))
    expect(frame).toMatchObject({ type, ...expected, ...Q })
  })

  it('keeps unknown fields and tolerates a missing envelope', () => {
    expect(serverOk('{"type":"ping","extra":{"a":1}}')).toEqual({ type: 'ping', extra: { a: 1 } })
  })

  it('treats a frame flagged binary as binary, even when its bytes are JSON', () => {
    const bytes = new TextEncoder().encode('{"type":"ping"}')
    expect(parseServerFrame(bytes, true)).toMatchObject({ ok: false, bad: { reason: 'binary' } })
  })

  it('rejects wrong field types with the path in the message', () => {
    expect(parseServerFrame(wire({ type: 'stream_token', chunk: 5 }))).toMatchObject({
      ok: false,
      bad: { reason: 'invalid', frameType: 'stream_token', message: expect.stringMatching(/^Invalid "stream_token" frame: chunk: /) },
    })
    expect(parseServerFrame(wire({ type: 'stream_start' }))).toMatchObject({ ok: false, bad: { reason: 'invalid' } })
    expect(parseServerFrame(wire({ type: 'error', error: 'x', code: 1.5 }))).toMatchObject({ ok: false, bad: { reason: 'invalid' } })
  })
})

describe('parseServerFrame: never throws, reports why', () => {
  const bad: [string, RawFrame, boolean, string][] = [
    ['non-JSON', 'not json', false, 'not-json'],
    ['empty text', '', false, 'not-json'],
    ['a JSON array', '[1,2]', false, 'not-object'],
    ['JSON null', 'null', false, 'not-object'],
    ['a JSON string', '"ping"', false, 'not-object'],
    ['no type', '{"chunk":"x"}', false, 'missing-type'],
    ['type not a string', '{"type":7}', false, 'missing-type'],
    ['empty type', '{"type":""}', false, 'missing-type'],
    ['unknown type', '{"type":"mystery"}', false, 'unknown-type'],
    ['a prototype key as type', '{"type":"constructor"}', false, 'unknown-type'],
    ['a client frame type', '{"type":"chat_message"}', false, 'unknown-type'],
    ['binary bytes', new Uint8Array([1, 2, 3]), true, 'binary'],
    ['an ArrayBuffer', new ArrayBuffer(4), false, 'binary'],
  ]

  it.each(bad)('%s', (_name, raw, isBinary, reason) => {
    const result = parseServerFrame(raw, isBinary)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.bad.reason).toBe(reason)
      expect(result.bad.message.length).toBeGreaterThan(0)
    }
  })

  it('keeps only the start of a long frame as the excerpt', () => {
    const result = parseServerFrame(`x${'y'.repeat(10_000)}`)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.bad.excerpt.length).toBeLessThanOrEqual(121)
  })

  it('names the unknown type', () => {
    expect(parseServerFrame('{"type":"mystery"}')).toEqual({
      ok: false,
      bad: { reason: 'unknown-type', message: 'Unknown frame type "mystery"', frameType: 'mystery', excerpt: '{"type":"mystery"}' },
    })
  })
})

describe('parseClientFrame: every client frame', () => {
  const valid: [string, Record<string, unknown>][] = [
    ['authorize', { token: 't' }],
    ['pong', {}],
    ['chat_message', { content: 'hi', agent_id: 'a', user_id: 'u' }],
    ['chat_message', { content: '', agent_id: 'a', user_id: 'u', conversation_id: 'c', persona: 'p', images: ['data:image/png;base64,AA'], limit: 5, metadata: { k: 1 } }],
    ['chat_message', { content: 'x', agent_id: 'a', user_id: 'u', conversation_id: null, images: null }],
    ['interrupt_stream', {}],
    ['interrupt_stream', { turn_id: 't' }],
    ['fetch_backgrounds', {}],
    ['fetch_avatar_configs', {}],
    ['switch_avatar_config', { file: 'a.yaml' }],
  ]

  it('covers every client frame type', () => {
    expect([...new Set(valid.map(([type]) => type))].sort()).toEqual(Object.keys(clientFrameSchemas).sort())
  })

  it.each(valid)('%s %j', (type, fields) => {
    expect(clientOk(JSON.stringify({ type, ...fields }))).toMatchObject({ type })
  })

  const invalid: [string, Record<string, unknown>][] = [
    ['authorize with an empty token', { type: 'authorize', token: '' }],
    ['authorize with a blank token', { type: 'authorize', token: '   ' }],
    ['chat_message without agent_id', { type: 'chat_message', content: 'x', user_id: 'u' }],
    ['chat_message with a blank user_id', { type: 'chat_message', content: 'x', agent_id: 'a', user_id: ' ' }],
    ['chat_message with limit 0', { type: 'chat_message', content: 'x', agent_id: 'a', user_id: 'u', limit: 0 }],
    ['switch_avatar_config without file', { type: 'switch_avatar_config' }],
  ]

  it.each(invalid)('refuses %s', (_name, frame) => {
    expect(parseClientFrame(JSON.stringify(frame))).toMatchObject({ ok: false, bad: { reason: 'invalid' } })
  })

  it('treats server frame types as unknown', () => {
    expect(parseClientFrame('{"type":"stream_token","chunk":"x"}')).toMatchObject({ ok: false, bad: { reason: 'unknown-type' } })
  })
})

describe('decodeJsonText and error codes', () => {
  it('decodes tool args and results given as JSON strings, leaves the rest', () => {
    expect(decodeJsonText('{"tz":"UTC"}')).toEqual({ tz: 'UTC' })
    expect(decodeJsonText('[1,2]')).toEqual([1, 2])
    expect(decodeJsonText('42')).toBe(42)
    expect(decodeJsonText('plain text')).toBe('plain text')
    expect(decodeJsonText('')).toBe('')
    const object = { already: 'decoded' }
    expect(decodeJsonText(object)).toBe(object)
    expect(decodeJsonText(null)).toBeNull()
  })

  it('marks 4003 and 4004 as informational only', () => {
    expect([4003, 4004].map(isInformationalErrorCode)).toEqual([true, true])
    expect([400, 401, 500, null, undefined].map(isInformationalErrorCode)).toEqual([false, false, false, false, false])
  })
})

describe('parseServerFrame: the stream_token fast path answers as the full schema does', () => {
  /** What the full `stream_token` schema alone makes of a frame. */
  function bySchema(text: string) {
    const result = serverFrameSchemas.stream_token.safeParse(JSON.parse(text))
    if (result.success) return { ok: true, frame: result.data }
    const issue = result.error.issues[0]
    return { ok: false, message: `Invalid "stream_token" frame: ${issue?.path.join('.') || 'frame'}: ${issue?.message}` }
  }

  const frames: Record<string, unknown>[] = [
    { chunk: 'Hi' },
    { chunk: '', node: null, turn_id: null },
    { chunk: 'x', node: 'llm', turn_id: 't-1', extra: { a: 1 } },
    { chunk: 'x', ...Q },
    { chunk: 5 },
    { chunk: null },
    {},
    { chunk: 'x', node: 3 },
    { chunk: 'x', turn_id: false },
    { chunk: 'x', turn_id: ['t'] },
    { chunk: ['x'] },
  ]
  it.each(frames.map((f) => [JSON.stringify(f), f] as const))('%s', (_, fields) => {
    const text = JSON.stringify({ type: 'stream_token', ...fields })
    const expected = bySchema(text)
    const got = parseServerFrame(text)
    if (expected.ok) {
      expect(got).toStrictEqual({ ok: true, frame: expected.frame })
    } else {
      expect(got).toMatchObject({ ok: false, bad: { reason: 'invalid', frameType: 'stream_token', message: expected.message } })
    }
  })
})
