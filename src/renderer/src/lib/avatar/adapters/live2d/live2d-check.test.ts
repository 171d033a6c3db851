/**
 * A Live2D model is checked before any engine sees it: Cubism 4 or 2 by its settings, files kept
 * inside the model's folder on its origin, and a missing moc or texture named.
 */
import { describe, expect, it } from 'vitest'
import { AvatarLoadError } from '../types'
import { checkFilesExist, insideModelFolder, live2dFiles } from './live2d-check'

const MODEL = 'http://srv:5500/v1/live2d/haru/runtime/haru.model3.json'

const codeOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AvatarLoadError)
    return (error as AvatarLoadError).code
  }
  throw new Error('did not throw')
}

describe('live2dFiles', () => {
  it('reads a Cubism 4 .model3.json and a Cubism 2 .model.json', () => {
    expect(live2dFiles({ Version: 3, FileReferences: { Moc: 'haru.moc3', Textures: ['haru.2048/texture_00.png'] } }, MODEL)).toEqual({
      cubism: 4,
      moc: 'http://srv:5500/v1/live2d/haru/runtime/haru.moc3',
      textures: ['http://srv:5500/v1/live2d/haru/runtime/haru.2048/texture_00.png'],
    })
    const old = 'http://srv/v1/live2d/shizuku/shizuku.model.json'
    expect(live2dFiles({ model: 'moc/shizuku.moc', textures: ['moc/t0.png', 'moc/t1.png'] }, old)).toMatchObject({ cubism: 2, textures: [expect.stringMatching(/t0\.png$/), expect.stringMatching(/t1\.png$/)] })
  })

  it('names what is wrong: not a model, no textures, no moc', () => {
    expect(codeOf(() => live2dFiles([1, 2], MODEL))).toBe('unknownFormat')
    expect(codeOf(() => live2dFiles({ Version: 3 }, MODEL))).toBe('unknownFormat')
    expect(codeOf(() => live2dFiles({ FileReferences: { Moc: 'a.moc3', Textures: [] } }, MODEL))).toBe('missingTexture')
    expect(codeOf(() => live2dFiles({ FileReferences: { Textures: ['a.png'] } }, MODEL))).toBe('unknownFormat')
  })

  it('refuses files outside the model’s folder or on another host', () => {
    for (const path of ['../../secrets.json', '/v1/other/a.png', 'http://evil.example/a.png', '//evil.example/a.png', 'sub/%2e%2e/%2e%2e/a.png']) {
      expect(codeOf(() => insideModelFolder(MODEL, path))).toBe('badFile')
    }
    expect(insideModelFolder(MODEL, 'motions/idle.motion3.json')).toBe('http://srv:5500/v1/live2d/haru/runtime/motions/idle.motion3.json')
  })
})

describe('checkFilesExist', () => {
  const files = live2dFiles({ FileReferences: { Moc: 'haru.moc3', Textures: ['t/texture_00.png', 't/texture_01.png'] } }, MODEL)
  const server = (missing: string[]): typeof fetch =>
    (async (url: string | URL | Request) => new Response(null, { status: missing.some((m) => String(url).endsWith(m)) ? 404 : 200 })) as typeof fetch

  it('passes when every file is there', async () => {
    await expect(checkFilesExist(files, server([]))).resolves.toBeUndefined()
  })

  it('names a missing texture, or a missing moc', async () => {
    await expect(checkFilesExist(files, server(['texture_01.png']))).rejects.toMatchObject({ code: 'missingTexture', detail: 'texture_01.png' })
    await expect(checkFilesExist(files, server(['haru.moc3']))).rejects.toMatchObject({ code: 'notFound', detail: 'haru.moc3' })
  })
})

describe('files the engine loads later', () => {
  it('must stay inside the model’s folder too: motions, sounds, physics, expressions', () => {
    const refs = (extra: Record<string, unknown>) => ({ FileReferences: { Moc: 'a.moc3', Textures: ['t.png'], ...extra } })
    expect(() => live2dFiles(refs({ Physics: 'a.physics3.json', Motions: { Idle: [{ File: 'motions/idle.motion3.json', Sound: 'sounds/hi.wav' }] } }), MODEL)).not.toThrow()
    expect(codeOf(() => live2dFiles(refs({ Motions: { Idle: [{ File: '../../../other/m.motion3.json' }] } }), MODEL))).toBe('badFile')
    expect(codeOf(() => live2dFiles(refs({ Motions: { Tap: [{ File: 'm.motion3.json', Sound: 'https://evil.example/x.wav' }] } }), MODEL))).toBe('badFile')
    expect(codeOf(() => live2dFiles(refs({ Expressions: [{ Name: 'f01', File: '/etc/passwd' }] }), MODEL))).toBe('badFile')
    expect(codeOf(() => live2dFiles({ model: 'a.moc', textures: ['t.png'], physics: '../x.json' }, 'http://srv/v1/live2d/s/s.model.json'))).toBe('badFile')
  })
})
