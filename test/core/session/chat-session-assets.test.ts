import { afterEach, describe, expect, it, vi } from 'vitest'
import { HostError } from '../../../src/shared/host/commands'
import { NoticeLimiter } from '../../../src/main/core/session/notice-limiter'
import { harness } from './session-harness'

afterEach(() => {
  vi.useRealTimers()
})

describe('ChatSession: backgrounds and avatars', () => {
  it('resolves background paths against the REST base and refuses hostile ones', async () => {
    const h = await harness({ state: 'ready' })
    const answer = h.session.fetchBackgrounds()
    const second = h.session.fetchBackgrounds()
    expect(h.link.sentOf('fetch_backgrounds')).toHaveLength(1)
    h.link.push({
      type: 'background_files',
      files: ['/bg/night.jpg', 'bg/day%20light.png', '//evil.example/x.jpg', 'http://evil.example/a.jpg', '/bg/../../etc/passwd', 'javascript:alert(1)'],
    })
    const expected = [
      { path: '/bg/night.jpg', url: 'http://127.0.0.1:5500/v1/bg/night.jpg' },
      { path: 'bg/day%20light.png', url: 'http://127.0.0.1:5500/v1/bg/day%20light.png' },
    ]
    await expect(answer).resolves.toEqual(expected)
    await expect(second).resolves.toEqual(expected)
    expect(h.of('backgrounds')).toEqual([{ type: 'backgrounds', backgrounds: expected }])
    expect(h.of('notice')).toEqual([
      {
        type: 'notice',
        level: 'warning',
        text: expect.stringContaining('"//evil.example/x.jpg"'),
        textCode: 'refusedPaths',
        params: { paths: expect.stringContaining('"//evil.example/x.jpg"') },
      },
    ])
  })

  it('turns unsolicited frames into events too', async () => {
    const h = await harness({ state: 'ready' })
    h.link.push({ type: 'background_files', files: ['/bg/a.jpg'] })
    h.link.push({ type: 'avatar_config_files', configs: [{ filename: 'mao.yaml', name: 'Mao' }, { filename: 'shizuku.yaml', name: null }] })
    h.link.push({ type: 'avatar_config_switched', file: 'mao.yaml' })
    expect(h.events).toEqual([
      { type: 'backgrounds', backgrounds: [{ path: '/bg/a.jpg', url: 'http://127.0.0.1:5500/v1/bg/a.jpg' }] },
      { type: 'avatar-configs', configs: [{ filename: 'mao.yaml', name: 'Mao' }, { filename: 'shizuku.yaml', name: 'shizuku.yaml' }] },
      { type: 'avatar-switched', file: 'mao.yaml' },
    ])
  })

  it('times out, and refuses when not connected', async () => {
    const h = await harness({ state: 'ready', requestTimeoutMs: 30 })
    await expect(h.session.fetchAvatarConfigs()).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/fetch_avatar_configs/),
      textCode: 'serverTimeout',
      params: { frame: 'fetch_avatar_configs', seconds: 0.03 },
    })
    h.link.setState('reconnecting')
    await expect(h.session.fetchBackgrounds()).rejects.toMatchObject({ code: 'not-ready', textCode: 'notConnected' })
  })

  it('fails a waiting request when the connection is lost', async () => {
    const h = await harness({ state: 'ready' })
    const answer = h.session.fetchBackgrounds()
    h.link.setState('reconnecting')
    await expect(answer).rejects.toMatchObject({ code: 'not-ready', textCode: 'connectionLost' })
  })

  it('switches the avatar config and resolves the model url', async () => {
    const h = await harness({ state: 'ready' })
    const switched = h.session.switchAvatarConfig('mao.yaml')
    await vi.waitFor(() => expect(h.link.sentOf('switch_avatar_config')).toEqual([{ type: 'switch_avatar_config', file: 'mao.yaml' }]))
    h.link.push({
      type: 'set_model_and_conf',
      model_info: { name: 'mao', url: '/live2d/mao/runtime/mao.model3.json', kScale: 0.5, emotionMap: { happy: 3 } },
      conf_name: 'Mao',
      conf_uid: 'mao-1',
      client_uid: null,
    })
    h.link.push({ type: 'avatar_config_switched', file: 'mao.yaml' })
    const model = await switched
    expect(model).toMatchObject({
      confName: 'Mao',
      confUid: 'mao-1',
      source: {
        kind: 'live2d',
        name: 'mao',
        url: 'http://127.0.0.1:5500/v1/live2d/mao/runtime/mao.model3.json',
        scale: 0.5,
        emotionMap: { happy: 3 },
      },
    })
    expect(model).not.toHaveProperty('clientUid')
    expect(h.events.map((e) => e.type)).toEqual(['avatar-model', 'avatar-switched'])
  })

  it('accepts the docs variant model_path, and drops a model url outside the server', async () => {
    const h = await harness({ state: 'ready' })
    h.link.push({ type: 'set_model_and_conf', model_info: { model_path: '/live2d/a/a.model3.json' } })
    h.link.push({ type: 'set_model_and_conf', model_info: { url: 'https://evil.example/m.model3.json' } })
    const models = h.of('avatar-model').map((e) => e.model)
    expect(models[0]?.source).toMatchObject({ kind: 'live2d', url: 'http://127.0.0.1:5500/v1/live2d/a/a.model3.json' })
    // Refused: nothing to load, so the built-in avatar stays.
    expect(models[1]?.source).toMatchObject({ kind: 'builtin' })
    expect(models[1]?.source).not.toHaveProperty('url')
    expect(h.of('notice')).toHaveLength(1)
  })

  it('rejects a switch to a missing config with a server error, and runs switches one at a time', async () => {
    const h = await harness({ state: 'ready' })
    const missing = h.session.switchAvatarConfig('nope.yaml')
    const next = h.session.switchAvatarConfig('mao.yaml')
    await vi.waitFor(() => expect(h.link.sentOf('switch_avatar_config')).toHaveLength(1))
    h.link.push({ type: 'error', error: 'Config file not found: nope.yaml', code: null })
    await expect(missing).rejects.toBeInstanceOf(HostError)
    await expect(missing).rejects.toMatchObject({
      code: 'server-error',
      message: 'Config file not found: nope.yaml',
      textCode: 'serverError',
      params: { message: 'Config file not found: nope.yaml' },
    })
    await vi.waitFor(() => expect(h.link.sentOf('switch_avatar_config')).toHaveLength(2))
    h.link.push({ type: 'set_model_and_conf', model_info: { url: '/live2d/mao/mao.model3.json' } })
    await expect(next).resolves.toMatchObject({ source: { url: 'http://127.0.0.1:5500/v1/live2d/mao/mao.model3.json' } })
    // The error was the request's, not a notice.
    expect(h.of('notice')).toEqual([])
  })
})

describe('ChatSession: bad frames', () => {
  it('reports bad frames, one notice per kind per interval', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
    const h = await harness({ state: 'ready', noticeIntervalMs: 5_000 })
    for (let i = 0; i < 50; i++) h.link.push('not json')
    h.link.push({ type: 'stream_start' })
    expect(h.of('notice').map((n) => [n.level, n.text])).toEqual([
      ['warning', 'Ignored a bad frame from the server: Frame is not valid JSON'],
      ['warning', expect.stringMatching(/Invalid "stream_start" frame: turn_id/)],
    ])
    // The same, as codes and params for the UI's own words.
    expect(h.of('notice').map((n) => [n.textCode, n.params])).toEqual([
      ['badFrameNotJson', undefined],
      ['badFrameInvalid', { frame: 'stream_start', detail: expect.stringMatching(/^turn_id: /) }],
    ])
    vi.setSystemTime(1_006_000)
    h.link.push('still not json')
    expect(h.of('notice').at(-1)).toMatchObject({
      text: 'Ignored a bad frame from the server: Frame is not valid JSON (49 more like it were not shown)',
      textCode: 'badFrameNotJson',
      params: { suppressed: 49 },
    })
  })
})

describe('ChatSession: frames of unknown types', () => {
  it('tolerates them: a log line per interval, no notice, however many types a server invents', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
    const lines: string[] = []
    const h = await harness({ state: 'ready', noticeIntervalMs: 5_000, log: (line) => lines.push(line) })
    for (let i = 0; i < 1_000; i++) h.link.push({ type: `future_frame_${i}`, data: 1 })
    expect(h.of('notice')).toEqual([])
    expect(lines).toEqual([expect.stringMatching(/^ignored a frame of unknown type "future_frame_0": \{/)])
    vi.setSystemTime(1_005_000)
    h.link.push({ type: 'another_new_frame' })
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/unknown type "another_new_frame" \(and 999 more since the last line\)/)
    // Frames it knows still stream on.
    h.link.push({ type: 'background_files', files: [] })
    expect(h.of('backgrounds')).toHaveLength(1)
  })
})

describe('NoticeLimiter', () => {
  it('remembers only the most recent kinds, so kinds taken from a server cannot grow it without bound', () => {
    let now = 0
    const limiter = new NoticeLimiter(100, () => now, 8)
    for (let i = 0; i < 1_000; i++) expect(limiter.allow(`kind-${i}`)).toEqual({ suppressed: 0 })
    expect(limiter.size).toBe(8)
    // The most recent kinds are still limited; the first ones were forgotten.
    expect(limiter.allow('kind-999')).toBeNull()
    expect(limiter.allow('kind-0')).toEqual({ suppressed: 0 })
    now = 1
    expect(limiter.size).toBe(8)
  })

  it('lets one per kind through per interval and counts the rest', () => {
    let now = 0
    const limiter = new NoticeLimiter(100, () => now)
    expect(limiter.allow('a')).toEqual({ suppressed: 0 })
    expect(limiter.allow('a')).toBeNull()
    expect(limiter.allow('b')).toEqual({ suppressed: 0 })
    now = 99
    expect(limiter.allow('a')).toBeNull()
    now = 100
    expect(limiter.allow('a')).toEqual({ suppressed: 2 })
  })
})
