/** `model_info` (Live2D-shaped, as servers send it) → the neutral model description the renderer gets. */
import { describe, expect, it } from 'vitest'
import { sourceFromModelInfo } from '../../../src/main/core/avatars/model-info'
import { kindOfModelPath } from '../../../src/shared/avatar/source'
import { modelInfoSchema } from '../../../src/shared/protocol'

/** As the link hands it over: validated by the frame schema. */
const info = (raw: Record<string, unknown>) => modelInfoSchema.parse(raw)

const URL_OF = 'http://127.0.0.1:5500/v1/live2d/mao/mao.model3.json'

describe('sourceFromModelInfo', () => {
  it('maps an Open-LLM-VTuber Live2D config: scale, shifts, emotion map, idle and tap motions', () => {
    const source = sourceFromModelInfo(
      info({
        name: 'mao',
        url: '/live2d/mao/mao.model3.json',
        kScale: 0.4,
        initialXshift: 80,
        initialYshift: -40,
        idleMotionGroupName: 'Idle',
        emotionMap: { Joy: 3, neutral: 0, sad: 'F02', bad: -1, worse: { x: 1 } },
        tapMotions: { HitAreaHead: { '': 50, FlickUp: 30 }, HitAreaBody: 'TapBody' },
        pointerInteractive: false,
      }),
      URL_OF,
    )
    expect(source).toEqual({
      kind: 'live2d',
      name: 'mao',
      url: URL_OF,
      scale: 0.4,
      offsetX: 0.1,
      offsetY: -0.05,
      emotionMap: { joy: 3, neutral: 0, sad: 'F02' },
      idleMotion: 'Idle',
      tapMotions: { HitAreaHead: '', HitAreaBody: 'TapBody' },
      pointerInteractive: false,
    })
  })

  it('takes the kind the server declares, else the file name; no model or a refused one is the built-in avatar', () => {
    expect(sourceFromModelInfo(info({ url: '/live2d/a/a.vrm' }), 'http://h/v1/live2d/a/a.vrm').kind).toBe('vrm')
    expect(sourceFromModelInfo(info({ url: '/m/a.model.json' }), 'http://h/v1/m/a.model.json').kind).toBe('live2d')
    expect(sourceFromModelInfo(info({ kind: 'vrm', url: '/m/a.glb' }), 'http://h/v1/m/a.glb').kind).toBe('vrm')
    expect(sourceFromModelInfo(info({ kind: 'builtin', name: 'mira' }), undefined)).toMatchObject({ kind: 'builtin', name: 'mira' })
    const refused = sourceFromModelInfo(info({ url: 'https://evil.example/a.vrm', idleMotionGroupName: 'Idle' }), undefined)
    expect(refused.kind).toBe('builtin')
    expect(refused).not.toHaveProperty('url')
    expect(refused).not.toHaveProperty('idleMotion')
  })

  it('ignores scales and shifts that are not sane numbers', () => {
    const source = sourceFromModelInfo(info({ url: '/a.vrm', kScale: -2, initialXshift: 1e9 }), 'http://h/v1/a.vrm')
    expect(source).toMatchObject({ scale: 1, offsetX: 0, offsetY: 0, pointerInteractive: true })
  })
})

describe('kindOfModelPath', () => {
  it('knows .vrm, .model3.json and .model.json, ignoring case and a query', () => {
    expect(kindOfModelPath('/x/Alice.VRM?v=2')).toBe('vrm')
    expect(kindOfModelPath('haru.model3.json')).toBe('live2d')
    expect(kindOfModelPath('shizuku.model.json#x')).toBe('live2d')
    expect(kindOfModelPath('model.glb')).toBeUndefined()
  })
})
