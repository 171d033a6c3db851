/** The user's own backgrounds on disk: only real images, capped, under generated names, written whole or not at all. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HostError } from '../../../src/shared/host'
import { MAX_BACKGROUND_BYTES, sniffImageType } from '../../../src/shared/background-image'
import { BackgroundStore, displayName } from '../../../src/main/core/backgrounds/background-store'
import { backgroundUrls } from '../../../src/main/core/backgrounds/background-urls'
import { createBackgroundHandlers } from '../../../src/main/core/backgrounds/background-commands'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3])
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])
const GIF = new TextEncoder().encode('GIF89a....')
const WEBP = Uint8Array.from([...new TextEncoder().encode('RIFF'), 1, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')])

let dir: string
const urls = backgroundUrls('web', 'launch')
const open = (write?: (path: string, data: Uint8Array | string) => Promise<void>) =>
  BackgroundStore.open(dir, { urlOf: urls.urlOf, ...(write ? { write } : {}) })

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'mira-bg-')), 'backgrounds')
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

describe('image types', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes, and nothing else', () => {
    expect([PNG, JPEG, GIF, WEBP].map((bytes) => sniffImageType(bytes)?.mime)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')
    const riffWave = Uint8Array.from([...new TextEncoder().encode('RIFF'), 1, 0, 0, 0, ...new TextEncoder().encode('WAVE')])
    for (const bytes of [svg, riffWave, new Uint8Array(), PNG.slice(0, 7)]) expect(sniffImageType(bytes)).toBeUndefined()
  })
})

describe('BackgroundStore', () => {
  it('stores an image under a generated name with its type from its bytes, lists it, serves it, removes it', async () => {
    const store = await open()
    // The name says JPEG and holds a path: neither is believed.
    const added = await store.add('../../etc/Beach day.jpg', PNG)
    expect(added).toEqual({ id: expect.stringMatching(/^[a-f0-9]{32}\.png$/), name: 'Beach day', url: `/local-backgrounds/launch/${added.id}` })
    expect(new Uint8Array(await readFile(join(dir, added.id)))).toEqual(PNG)
    const gif = await store.add('loop.gif', GIF)
    expect(await store.list()).toEqual([added, gif])
    expect(await store.read(added.id)).toEqual({ bytes: Buffer.from(PNG), contentType: 'image/png' })

    // A fresh start keeps the names.
    expect(await (await open()).list()).toEqual([added, gif])

    await store.remove(added.id)
    expect(await store.list()).toEqual([gif])
    expect(await store.read(added.id)).toBeUndefined()
    await store.remove(added.id)
  })

  it('refuses anything that is not an image by its bytes, whatever its name, and anything over the cap', async () => {
    const store = await open()
    const text = await refusal(store.add('photo.png', new TextEncoder().encode('hello, not a picture')))
    expect(text).toMatchObject({ code: 'invalid-request', message: 'Only PNG, JPEG, WebP or GIF images can be backgrounds', textCode: 'notAnImage' })
    const big = new Uint8Array(MAX_BACKGROUND_BYTES + 1)
    big.set(PNG)
    expect(await refusal(store.add('huge.png', big))).toMatchObject({
      code: 'invalid-request',
      message: 'The image is larger than 20 MB',
      textCode: 'imageTooLarge',
      params: { max: 20 },
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('reads and removes only generated names: no traversal, no other file of the data dir', async () => {
    await writeFile(join(dir, '..', 'settings.json'), '{}')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'notes.txt'), 'x')
    const store = await open()
    for (const name of ['../settings.json', 'notes.txt', '..%2Fsettings.json', `${'a'.repeat(32)}.png/../../settings.json`, `${'A'.repeat(32)}.png`]) {
      expect(await store.read(name)).toBeUndefined()
      expect(await refusal(store.remove(name))).toMatchObject({ code: 'invalid-request' })
    }
    expect(await store.list()).toEqual([])
    expect(await readFile(join(dir, '..', 'settings.json'), 'utf8')).toBe('{}')
  })

  it('a full disk is a clear refusal and leaves no file behind', async () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    const store = await open(async (path) => {
      // Half a file, as a real full disk would leave it, then the failure.
      await writeFile(path, PNG.slice(0, 4))
      throw full
    })
    expect(await refusal(store.add('beach.png', PNG))).toMatchObject({
      code: 'refused',
      message: 'There is not enough disk space to keep this image',
      textCode: 'diskFull',
    })
    expect(await readdir(dir)).toEqual([])
    expect(await store.list()).toEqual([])
  })

  it('drops the image again when its name cannot be recorded', async () => {
    let writes = 0
    const store = await open(async (path, data) => {
      if (++writes === 2) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })
      await writeFile(path, data)
    })
    expect(await refusal(store.add('beach.png', PNG))).toMatchObject({ code: 'internal', message: expect.stringContaining('Could not save the image') })
    expect(await readdir(dir)).toEqual([])
  })

  it('keeps every name when images are added at once', async () => {
    const store = await open()
    await Promise.all(['a.png', 'b.png', 'c.png'].map((name) => store.add(name, PNG)))
    expect((await (await open()).list()).map((b) => b.name).sort()).toEqual(['a', 'b', 'c'])
  })

  it('shows a clean name', () => {
    expect(displayName('C:\\pics\\Beach day.JPG')).toBe('Beach day')
    expect(displayName('noext')).toBe('noext')
    expect(displayName('a\u0000b\u001b.png')).toBe('ab')
    expect(displayName('x'.repeat(300))).toHaveLength(200)
  })
})

describe('the background commands and URLs', () => {
  it('decode base64 into the store', async () => {
    const handlers = createBackgroundHandlers(await open())
    const added = await handlers.addBackground({ name: 'j.jpeg', data: Buffer.from(JPEG).toString('base64') })
    expect(added.id).toMatch(/\.jpg$/)
    expect(await handlers.listLocalBackgrounds(undefined)).toEqual({ backgrounds: [added] })
    expect(await handlers.removeBackground({ id: added.id })).toEqual({ ok: true })
    expect(await handlers.listLocalBackgrounds(undefined)).toEqual({ backgrounds: [] })
  })

  it('map back from exactly the URLs they hand out', () => {
    const file = `${'a'.repeat(32)}.png`
    const web = backgroundUrls('web', 'seg')
    const electron = backgroundUrls('electron')
    expect(web.fileOf(web.urlOf(file))).toBe(file)
    expect(electron.urlOf(file)).toBe(`mira-bg://local/${file}`)
    expect(electron.fileOf(electron.urlOf(file))).toBe(file)
    for (const url of [`/local-backgrounds/other/${file}`, `/local-backgrounds/seg/${file}?x`, `/local-backgrounds/seg/../${file}`, '/local-backgrounds/seg/']) {
      expect(web.fileOf(url)).toBeUndefined()
    }
    expect(backgroundUrls('web').urlOf(file)).not.toBe(backgroundUrls('web').urlOf(file))
  })
})
