/** The scene store: the choice kept per server in localStorage, server paths resolved safely, the list loaded. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { HostError, type HostApi, type LinkStatus } from '../../../shared/host'
import { useConnectionStore } from './connection'
import { BACKGROUND_STORAGE_PREFIX, useSceneStore } from './scene'
import { piniaWithHost } from './test-host'

const status = (serverUrl: string, serverKind: LinkStatus['serverKind'] = 'custom'): LinkStatus => ({
  state: 'ready',
  serverUrl,
  serverKind,
  since: 0,
  attempt: 0,
})

let stored: Map<string, string>

beforeEach(() => {
  stored = new Map()
  vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v) })
})
afterEach(() => vi.unstubAllGlobals())

function setup(api: Partial<HostApi> = {}) {
  const pinia = piniaWithHost(api)
  return { scene: useSceneStore(pinia), connection: useConnectionStore(pinia) }
}

describe('useSceneStore', () => {
  it('keeps the choice per server and resolves image paths on the server in use', async () => {
    const { scene, connection } = setup()
    connection.setLink(status('ws://127.0.0.1:5500/v1/chat/stream'))
    await nextTick()
    scene.choose({ kind: 'image', path: '/bg/night.jpg' })
    expect(scene.imageUrl).toBe('http://127.0.0.1:5500/v1/bg/night.jpg')
    expect(JSON.parse(stored.get(`${BACKGROUND_STORAGE_PREFIX}custom:ws://127.0.0.1:5500/v1/chat/stream`) ?? '')).toEqual({
      kind: 'image',
      path: '/bg/night.jpg',
    })

    connection.setLink(status('ws://127.0.0.1:7000/v1/chat/stream'))
    await nextTick()
    expect(scene.choice).toEqual({ kind: 'default' })
    connection.setLink(status('ws://127.0.0.1:5500/v1/chat/stream'))
    await nextTick()
    expect(scene.choice).toEqual({ kind: 'image', path: '/bg/night.jpg' })
  })

  it('keys the built-in server by kind, since its port changes every run', async () => {
    const first = setup()
    first.connection.setLink(status('ws://127.0.0.1:41000/v1/chat/stream', 'builtin'))
    await nextTick()
    first.scene.choose({ kind: 'color', color: '#3b2b46' })
    const second = setup()
    second.connection.setLink(status('ws://127.0.0.1:42000/v1/chat/stream', 'builtin'))
    await nextTick()
    expect(second.scene.choice).toEqual({ kind: 'color', color: '#3b2b46' })
  })

  it('falls back to the default for a stored value that does not validate, and refuses paths off the server', async () => {
    stored.set(`${BACKGROUND_STORAGE_PREFIX}builtin`, JSON.stringify({ kind: 'color', color: 'red; background: url(x)' }))
    const { scene, connection } = setup()
    connection.setLink(status('ws://127.0.0.1:1/v1/chat/stream', 'builtin'))
    await nextTick()
    expect(scene.choice).toEqual({ kind: 'default' })
    scene.choose({ kind: 'image', path: '//evil.example/x.png' })
    expect(scene.imageUrl).toBeUndefined()
  })

  it('loads the list, and says why when it cannot', async () => {
    const backgrounds = [{ path: '/bg/a.png', url: 'http://127.0.0.1:1/v1/bg/a.png' }]
    const fetchBackgrounds = vi.fn().mockResolvedValueOnce({ backgrounds }).mockRejectedValueOnce(new Error('The link is not ready'))
    const { scene } = setup({ fetchBackgrounds })
    await scene.load()
    expect(scene.backgrounds).toEqual(backgrounds)
    await scene.load()
    expect(scene.error).toEqual({ text: 'The link is not ready' })
    expect(scene.loading).toBe(false)
  })
})

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))

describe("the user's own images", () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
  const stored1 = { id: `${'a'.repeat(32)}.png`, name: 'Beach', url: `/local-backgrounds/x/${'a'.repeat(32)}.png` }

  beforeEach(() => {
    // Node has Blob and File but no FileReader: the same data: URL, made with btoa.
    vi.stubGlobal(
      'FileReader',
      class {
        result: string | null = null
        onload: (() => void) | null = null
        onerror: (() => void) | null = null
        readAsDataURL(blob: Blob): void {
          void blob.arrayBuffer().then((bytes) => {
            this.result = `data:${blob.type};base64,${base64(new Uint8Array(bytes))}`
            this.onload?.()
          })
        }
      },
    )
  })

  async function ready(api: Partial<HostApi>) {
    const parts = setup(api)
    parts.connection.setLink(status('ws://127.0.0.1:5500/v1/chat/stream', 'builtin'))
    await nextTick()
    return parts
  }

  it('refuses a file that is not an image, or too large, before asking the host', async () => {
    const addBackground = vi.fn()
    const { scene } = await ready({ addBackground })
    expect(await scene.addLocal(new File(['just text'], 'photo.png', { type: 'image/png' }))).toBe(false)
    expect(scene.notice).toEqual({ key: 'notImage', params: { max: 20 } })
    const huge = new File([PNG, new Uint8Array(20 * 1024 * 1024)], 'huge.png')
    expect(await scene.addLocal(huge)).toBe(false)
    expect(scene.notice).toEqual({ key: 'tooLarge', params: { max: 20 } })
    expect(addBackground).not.toHaveBeenCalled()
  })

  it('sends an image as base64, chooses it, shows the host URL, and forgets the choice when it is removed', async () => {
    const addBackground = vi.fn().mockResolvedValue(stored1)
    const removeBackground = vi.fn().mockResolvedValue({ ok: true })
    const listLocalBackgrounds = vi.fn().mockResolvedValue({ backgrounds: [stored1] })
    const { scene } = await ready({ addBackground, removeBackground, listLocalBackgrounds })
    expect(await scene.addLocal(new File([PNG], 'Beach.png', { type: 'image/png' }))).toBe(true)
    expect(addBackground).toHaveBeenCalledWith({ name: 'Beach.png', data: base64(PNG) })
    expect(scene.choice).toEqual({ kind: 'local', id: stored1.id })
    await vi.waitFor(() => expect(scene.imageUrl).toBe(stored1.url))
    expect(JSON.parse(stored.get(`${BACKGROUND_STORAGE_PREFIX}builtin`) ?? '')).toEqual({ kind: 'local', id: stored1.id })
    await scene.removeLocal(stored1.id)
    expect(removeBackground).toHaveBeenCalledWith({ id: stored1.id })
    expect(scene.localBackgrounds).toEqual([])
    expect(scene.choice).toEqual({ kind: 'default' })
  })

  it('falls back to the default look, saying why, for an image that is gone or does not load', async () => {
    stored.set(`${BACKGROUND_STORAGE_PREFIX}builtin`, JSON.stringify({ kind: 'local', id: stored1.id }))
    const listLocalBackgrounds = vi.fn().mockResolvedValueOnce({ backgrounds: [] }).mockResolvedValue({ backgrounds: [stored1] })
    const { scene } = await ready({ listLocalBackgrounds })
    await vi.waitFor(() => expect(scene.fallback).toEqual({ key: 'missing' }))
    expect(scene.imageUrl).toBeUndefined()
    await scene.loadLocal()
    expect(scene.imageUrl).toBe(stored1.url)
    expect(scene.fallback).toBeUndefined()
    scene.imageFailed(stored1.url)
    expect(scene.imageUrl).toBeUndefined()
    expect(scene.fallback).toEqual({ key: 'broken' })
  })

  it('says what the host answered when it refuses, in the reader’s words when the host gave a code', async () => {
    const addBackground = vi
      .fn()
      .mockRejectedValueOnce(new HostError('refused', 'There is not enough disk space to keep this image', { textCode: 'diskFull' }))
      .mockRejectedValueOnce(new Error('Something odd'))
    const { scene } = await ready({ addBackground })
    expect(await scene.addLocal(new File([PNG], 'a.png'))).toBe(false)
    expect(scene.notice).toEqual({ key: 'addFailed', params: { error: { key: 'host.texts.diskFull', params: {} } } })
    expect(await scene.addLocal(new File([PNG], 'a.png'))).toBe(false)
    expect(scene.notice).toEqual({ key: 'addFailed', params: { error: { text: 'Something odd' } } })
    expect(scene.adding).toBe(false)
  })
})
