/** The avatar store: configs, switching (one at a time), host events, and forgetting on a server change. */
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { avatarModelSchema, type AvatarModel, type HostApi, type LinkStatus } from '../../../shared/host'
import { useAvatarStore } from './avatar'
import { useConnectionStore } from './connection'
import { piniaWithHost } from './test-host'

const MODEL = avatarModelSchema.parse({
  confName: 'Shizuku',
  modelInfo: { name: 'shizuku' },
  modelUrl: 'http://127.0.0.1:1/v1/live2d/shizuku.model3.json',
})
const CONFIGS = [
  { filename: 'mira.yaml', name: 'Mira' },
  { filename: 'shizuku.yaml', name: 'Shizuku' },
]

function setup(api: Partial<HostApi>) {
  const pinia = piniaWithHost(api)
  return { avatar: useAvatarStore(pinia), connection: useConnectionStore(pinia) }
}

const link = (serverUrl: string): LinkStatus => ({ state: 'ready', serverUrl, serverKind: 'custom', since: 0, attempt: 0 })

describe('useAvatarStore', () => {
  it('loads the configs and switches, keeping the model and the name', async () => {
    let finish: (value: { model: AvatarModel }) => void = () => {}
    const switchAvatarConfig = vi.fn(() => new Promise<{ model: AvatarModel }>((resolve) => (finish = resolve)))
    const { avatar } = setup({ fetchAvatarConfigs: async () => ({ configs: CONFIGS }), switchAvatarConfig })
    await avatar.load()
    expect(avatar.configs).toEqual(CONFIGS)

    const switching = avatar.switchTo('shizuku.yaml')
    expect(avatar.switching).toBe(true)
    // A second switch while one runs is refused, not queued.
    expect(await avatar.switchTo('mira.yaml')).toBe(false)
    finish({ model: MODEL })
    expect(await switching).toBe(true)
    expect(switchAvatarConfig).toHaveBeenCalledTimes(1)
    expect(avatar).toMatchObject({ current: 'shizuku.yaml', model: MODEL, switching: false, name: 'Shizuku' })
  })

  it('keeps the error of a failed switch, and the model it had', async () => {
    const { avatar } = setup({ switchAvatarConfig: async () => Promise.reject(new Error('Config file not found: x.yaml')) })
    avatar.apply({ type: 'avatar-model', model: MODEL })
    expect(await avatar.switchTo('x.yaml')).toBe(false)
    expect(avatar.error).toEqual({ kind: 'switch', text: 'Config file not found: x.yaml' })
    expect(avatar.model).toEqual(MODEL)
  })

  it('follows host events, and forgets everything when the server changes', async () => {
    const { avatar, connection } = setup({})
    connection.setLink(link('ws://127.0.0.1:1/v1/chat/stream'))
    await nextTick()
    avatar.apply({ type: 'avatar-configs', configs: CONFIGS })
    avatar.apply({ type: 'avatar-model', model: MODEL })
    avatar.apply({ type: 'avatar-switched', file: 'mira.yaml' })
    expect(avatar.name).toBe('Mira')
    connection.setLink({ ...link('ws://127.0.0.1:1/v1/chat/stream'), state: 'reconnecting' })
    await nextTick()
    expect(avatar.model).toEqual(MODEL)
    connection.setLink(link('ws://127.0.0.1:2/v1/chat/stream'))
    await nextTick()
    expect(avatar).toMatchObject({ configs: [], current: undefined, model: null, name: undefined })
  })
})

describe('useAvatarStore.hydrate', () => {
  it('takes the avatar in use from a snapshot, so a reloaded page knows it', () => {
    const { avatar } = setup({})
    avatar.hydrate(undefined)
    expect(avatar).toMatchObject({ model: null, current: undefined, name: undefined })
    avatar.hydrate({ model: MODEL, file: 'shizuku.yaml' })
    expect(avatar).toMatchObject({ model: MODEL, current: 'shizuku.yaml', name: 'Shizuku' })
  })
})
