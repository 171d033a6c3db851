/** The scene store: the choice kept per server in localStorage, server paths resolved safely, the list loaded. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { HostApi, LinkStatus } from '../../../shared/host'
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
    expect(scene.error).toBe('The link is not ready')
    expect(scene.loading).toBe(false)
  })
})
