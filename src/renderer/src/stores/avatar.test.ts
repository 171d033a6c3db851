/** The avatar store: configs, switching (one at a time), host events, and forgetting on a server change. */
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createApp, nextTick } from 'vue'
import { I18nInjectionKey } from 'vue-i18n'
import { avatarModelSchema, HostError, type AvatarModel, type HostApi, type LinkStatus } from '../../../shared/host'
import { BUILTIN_SOURCE } from '../../../shared/avatar/source'
import { HOST_KEY } from '../host/inject'
import { createAppI18n } from '../i18n'
import { useAvatarStore } from './avatar'
import { useConnectionStore } from './connection'
import { piniaWithHost } from './test-host'

const MODEL = avatarModelSchema.parse({
  confName: 'Shizuku',
  source: { ...BUILTIN_SOURCE, kind: 'live2d', name: 'shizuku', url: 'http://127.0.0.1:1/v1/live2d/shizuku.model3.json' },
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

describe('useAvatarStore.error', () => {
  const notConnected = new HostError('not-ready', 'Not connected to the server', { textCode: 'notConnected' })

  it('words a coded host error in the language in use, and again when it changes', async () => {
    const i18n = createAppI18n('ja')
    const pinia = createPinia()
    const api: Partial<HostApi> = { fetchAvatarConfigs: async () => Promise.reject(notConnected) }
    const host = { kind: 'web' as const, api: api as HostApi, transport: { state: 'open' as const, attempt: 0 }, onTransport: () => () => {}, retryNow: () => {}, close: () => {} }
    // As main.ts does: the stores find the app's i18n under vue-i18n's key.
    createApp({}).provide(HOST_KEY, host).provide(I18nInjectionKey, i18n).use(pinia)
    const avatar = useAvatarStore(pinia)
    await avatar.load()
    expect(avatar.error).toEqual({ kind: 'load', text: 'サーバーに接続していません' })
    i18n.global.locale.value = 'ko'
    expect(avatar.error?.text).toBe('서버에 연결되어 있지 않습니다')
  })

  it('without the app’s i18n (a bare store) speaks English', async () => {
    const { avatar } = setup({ switchAvatarConfig: async () => Promise.reject(notConnected) })
    expect(await avatar.switchTo('x.yaml')).toBe(false)
    expect(avatar.error).toEqual({ kind: 'switch', text: 'Not connected to the server' })
  })
})
