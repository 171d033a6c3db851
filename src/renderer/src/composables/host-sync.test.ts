/** Feeding the stores from the host: a snapshot that cannot be read is told in the reader's words. */
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createApp, effectScope } from 'vue'
import { HostError, type HostApi, type HostEventListener } from '../../../shared/host'
import { HOST_KEY } from '../host/inject'
import type { HostConnection } from '../host/types'
import { createAppI18n } from '../i18n'
import { say } from '../lib/local-text'
import { useConnectionStore } from '../stores/connection'
import { useRecognisersStore } from '../stores/recognisers'
import { useHostSync } from './host-sync'

function start(getSnapshot: HostApi['getSnapshot'], listeners: HostEventListener[] = []) {
  const api: Partial<HostApi> = {
    getSnapshot,
    onEvents: (listener) => {
      listeners.push(listener)
      return () => {}
    },
  }
  const host: HostConnection = { kind: 'web', api: api as HostApi, transport: { state: 'open', attempt: 0 }, onTransport: () => () => {}, retryNow: () => {}, close: () => {} }
  const pinia = createPinia()
  const app = createApp({}).provide(HOST_KEY, host).use(pinia)
  app.runWithContext(() => effectScope().run(() => useHostSync()))
  return { connection: useConnectionStore(pinia), recognisers: useRecognisersStore(pinia) }
}

describe('useHostSync', () => {
  it('says a snapshot that could not be loaded, with the host’s reason worded by its code', async () => {
    const { connection } = start(async () => Promise.reject(new HostError('not-ready', 'Lost the connection to Mira’s host before it answered', { textCode: 'bridgeLost' })))
    await expect.poll(() => connection.notices.length).toBe(1)
    const text = connection.notices[0]?.text
    if (text === undefined || typeof text === 'string') throw new Error('expected worded text')
    const { t } = createAppI18n('ja').global
    expect(say((name, params) => t(name, params), text)).toBe('現在の状態を読み込めませんでした：Mira のホストが応答する前に接続が切れました')
    const english = createAppI18n('en').global
    expect(say((name, params) => english.t(name, params), text)).toBe('Could not load the current state: Lost the connection to Mira’s host before it answered')
  })

  it('hands the whisper.cpp models’ progress to the recognisers store', () => {
    const listeners: HostEventListener[] = []
    const { recognisers } = start(() => new Promise(() => {}), listeners)
    const model = { id: 'base.en', path: '/d/models/ggml-base.en.bin', sizeMiB: 142, englishOnly: true, state: 'downloading' as const, received: 10, total: 100 }
    for (const listener of listeners) listener([{ type: 'whisper-models', models: [model] }])
    expect(recognisers.models).toEqual([model])
  })
})
