/**
 * The user's own characters on disk: only whole VRM files (0.x and 1.0), under generated names,
 * the chosen one remembered across a restart; Live2D runtimes recognized by their contents; only
 * names the store made are ever read back.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HostError } from '../../../src/shared/host'
import { checkVrmBytes, sniffLive2dRuntime } from '../../../src/shared/avatar/files'
import { CharacterStore } from '../../../src/main/core/avatars/character-store'
import { characterUrls } from '../../../src/main/core/avatars/character-urls'
import { glb, makeVrm } from '../../support/vrm-fixture'

let dir: string
const urls = characterUrls('web', 'launch')
const open = (write?: (path: string, data: Uint8Array | string) => Promise<void>) =>
  CharacterStore.open(dir, { urlOf: urls.urlOf, ...(write ? { write } : {}) })

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'mira-chars-')), 'characters')
})
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true })
})

async function refusal(promise: Promise<unknown>): Promise<HostError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof HostError)) throw new Error(`expected a HostError, got ${String(error)}`)
  return error
}

describe('checkVrmBytes', () => {
  it('accepts VRM 1.0 and 0.x, and says why anything else is not one', () => {
    expect(checkVrmBytes(makeVrm({ version: '1.0' }))).toEqual({ ok: true })
    expect(checkVrmBytes(makeVrm({ version: '0.x' }))).toEqual({ ok: true })
    expect(checkVrmBytes(new TextEncoder().encode('PK\u0003\u0004 a zip'))).toEqual({ ok: false, problem: 'notVrm' })
    const whole = makeVrm({ version: '1.0' })
    expect(checkVrmBytes(whole.subarray(0, 100))).toEqual({ ok: false, problem: 'truncated' })
    expect(checkVrmBytes(glb({ asset: { version: '2.0' } }, new Uint8Array()))).toEqual({ ok: false, problem: 'noVrmData' })
  })
})

describe('CharacterStore', () => {
  it('keeps an added VRM under a generated name, chosen, and remembers both after a restart', async () => {
    const store = await open()
    const added = await store.add('C:\\models\\Alice.vrm', makeVrm({ version: '1.0' }))
    expect(added).toMatchObject({ name: 'Alice', kind: 'vrm', url: `/local-characters/launch/${added.id}` })
    expect(added.id).toMatch(/^[a-f0-9]{32}\.vrm$/)
    const again = await open()
    expect(await again.list()).toEqual({ characters: [added], chosen: added.id, runtimes: {} })
    expect((await again.read(added.id))?.bytes.length).toBe(makeVrm({ version: '1.0' }).length)
  })

  it('refuses what is not a VRM, with a code the page words, and keeps nothing', async () => {
    const store = await open()
    expect((await refusal(store.add('x.vrm', new TextEncoder().encode('hello')))).textCode).toBe('notVrm')
    expect((await refusal(store.add('x.vrm', makeVrm({ version: '0.x' }).subarray(0, 64)))).textCode).toBe('vrmTruncated')
    expect(await readdir(dir)).toEqual([])
  })

  it('chooses, unchooses and forgets a removed character', async () => {
    const store = await open()
    const a = await store.add('a.vrm', makeVrm({ version: '1.0' }))
    const b = await store.add('b.vrm', makeVrm({ version: '0.x' }))
    expect((await store.list()).chosen).toBe(b.id)
    await store.choose(a.id)
    expect((await open().then((s) => s.list())).chosen).toBe(a.id)
    await store.remove(a.id)
    expect(await store.list()).toMatchObject({ chosen: null, characters: [b] })
    await store.choose(null)
    expect((await refusal(store.choose('0'.repeat(32) + '.vrm'))).message).toMatch(/no such character/)
  })

  it('keeps each character’s placement and emotion map, listed with it after a restart', async () => {
    const store = await open()
    const a = await store.add('a.vrm', makeVrm({ version: '1.0' }))
    const b = await store.add('b.vrm', makeVrm({ version: '0.x' }))
    const settings = { scale: 1.5, offsetX: -0.2, offsetY: 0.1, emotionMap: { happy: 'Joy', sad: 'Sorrow' } }
    expect(await store.setSettings(a.id, settings)).toEqual({ ...a, settings })
    const after = await (await open()).list()
    expect(after.characters).toEqual([{ ...a, settings }, b])
    expect((await refusal(store.setSettings('0'.repeat(32), settings))).message).toMatch(/no such character/)
  })

  it('keeps a thumbnail (PNG only) listed with its character, served as an image, and removed with it', async () => {
    const store = await open()
    const a = await store.add('a.vrm', makeVrm({ version: '1.0' }))
    expect((await store.list()).characters[0]?.thumbnail).toBeUndefined()
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    expect(await store.setThumbnail(a.id, png)).toMatchObject({ id: a.id, thumbnail: `/local-characters/launch/${a.id}.png` })
    expect((await (await open()).list()).characters[0]?.thumbnail).toBe(`/local-characters/launch/${a.id}.png`)
    expect(await store.read(`${a.id}.png`)).toMatchObject({ contentType: 'image/png' })
    expect((await refusal(store.setThumbnail(a.id, new TextEncoder().encode('<svg/>')))).message).toMatch(/PNG/)
    expect((await refusal(store.setThumbnail('0'.repeat(32), png))).message).toMatch(/no such character/)
    await store.remove(a.id)
    expect(await readdir(dir)).toEqual(['index.json'])
  })

  it('leaves nothing behind when the disk is full', async () => {
    const store = await open(() => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })))
    expect((await refusal(store.add('a.vrm', makeVrm({ version: '1.0' })))).textCode).toBe('modelDiskFull')
    expect((await store.list()).characters).toEqual([])
  })

  it('keeps Live2D runtimes recognized by their contents, served from the app', async () => {
    const store = await open()
    const core = new TextEncoder().encode('var Live2DCubismCore;(function(){})()')
    expect(await store.setRuntime(core)).toEqual({ cubism4: '/local-characters/launch/live2dcubismcore.min.js' })
    expect(await store.setRuntime(new TextEncoder().encode('window.Live2DModelWebGL=function(){}'))).toMatchObject({ cubism2: '/local-characters/launch/live2d.min.js' })
    expect((await store.read('live2dcubismcore.min.js'))?.contentType).toMatch(/javascript/)
    expect((await refusal(store.setRuntime(new TextEncoder().encode('alert(1)')))).textCode).toBe('notLive2dRuntime')
    expect(sniffLive2dRuntime('nothing here')).toBeUndefined()
  })

  it('reads back only names it made', async () => {
    const store = await open()
    await store.add('a.vrm', makeVrm({ version: '1.0' }))
    for (const name of ['index.json', '../secrets.json', 'a.vrm', '']) expect(await store.read(name)).toBeUndefined()
    expect(urls.fileOf('/local-characters/launch/../index.json')).toBeUndefined()
    expect(urls.fileOf('/local-characters/other/live2d.min.js')).toBeUndefined()
    expect(urls.fileOf('/local-characters/launch/live2d.min.js')).toBe('live2d.min.js')
  })
})

describe('a Live2D model added as a zip', () => {
  const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
  const MODEL3 = JSON.stringify({ Version: 3, FileReferences: { Moc: 'haru.moc3', Textures: ['haru.2048/texture 00.png'], Motions: {} } })
  const good = (): Uint8Array =>
    zipSync({ 'Haru/runtime/haru.model3.json': enc(MODEL3), 'Haru/runtime/haru.moc3': enc('MOC3'), 'Haru/runtime/haru.2048/texture 00.png': enc('png'), '__MACOSX/._x': enc('junk') })

  it('is unpacked into a folder of its own, listed as Live2D, served file by file, and removed whole', async () => {
    const store = await open()
    const added = await store.add('Haru.zip', good())
    expect(added).toMatchObject({ kind: 'live2d', name: 'Haru', url: `/local-characters/launch/${added.id}/Haru/runtime/haru.model3.json` })
    expect((await store.list()).chosen).toBe(added.id)
    const texture = urls.fileOf(`/local-characters/launch/${added.id}/Haru/runtime/haru.2048/texture%2000.png`)
    expect(texture).toBeDefined()
    expect(await store.read(texture ?? '')).toMatchObject({ contentType: 'image/png' })
    expect(await store.read(`${added.id}/Haru/runtime/haru.model3.json`)).toMatchObject({ contentType: expect.stringMatching(/json/) })
    expect(await store.read(`${added.id}/Haru/%2e%2e/%2e%2e/index.json`)).toBeUndefined()
    expect(await store.read(`${added.id}/../index.json`)).toBeUndefined()
    expect((await open().then((s) => s.list())).characters).toEqual([added])
    await store.remove(added.id)
    expect(await readdir(dir)).toEqual(['index.json'])
  })

  it('is refused, keeping nothing, when unsafe, damaged, without a model, with bad JSON or a missing file', async () => {
    const store = await open()
    const code = async (bytes: Uint8Array): Promise<string | undefined> => (await refusal(store.add('m.zip', bytes))).textCode
    expect(await code(zipSync({ '../evil.model3.json': enc(MODEL3) }))).toBe('zipUnsafePath')
    expect(await code(zipSync({ 'C:/evil.model3.json': enc(MODEL3) }))).toBe('zipUnsafePath')
    expect(await code(good().subarray(0, 60))).toBe('zipDamaged')
    expect(await code(zipSync({ 'readme.txt': enc('hi') }))).toBe('noLive2dModel')
    expect(await code(zipSync({ 'a.model3.json': enc('{ nope') }))).toBe('live2dBadJson')
    expect(await code(zipSync({ 'a.model3.json': enc(MODEL3), 'haru.moc3': enc('MOC3') }))).toBe('live2dMissingFile')
    expect(await code(zipSync({ 'a.model3.json': enc(JSON.stringify({ FileReferences: { Moc: '../../x.moc3', Textures: ['t.png'] } })), 't.png': enc('p') }))).toBe('live2dMissingFile')
    expect(await readdir(dir)).toEqual([])
  })
})

describe('a zipped model whose motions point outside it', () => {
  it('is refused', async () => {
    const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
    const settings = { FileReferences: { Moc: 'a.moc3', Textures: ['t.png'], Motions: { Idle: [{ File: '../../escape.motion3.json' }] } } }
    const store = await open()
    const error = await refusal(store.add('m.zip', zipSync({ 'm/a.model3.json': enc(JSON.stringify(settings)), 'm/a.moc3': enc('x'), 'm/t.png': enc('p') })))
    expect(error.textCode).toBe('zipUnsafePath')
  })
})
