/**
 * For the store tests: a pinia whose stores see a fake host with an open transport. Only the API
 * methods a test passes exist, so a call to any other one fails loudly.
 */
import { createPinia, type Pinia } from 'pinia'
import { createApp } from 'vue'
import type { HostApi } from '../../../shared/host'
import { HOST_KEY } from '../host/inject'
import type { HostConnection } from '../host/types'

export function piniaWithHost(api: Partial<HostApi> = {}): Pinia {
  const host: HostConnection = {
    kind: 'electron',
    api: api as HostApi,
    transport: { state: 'open', attempt: 0 },
    onTransport: () => () => {},
    retryNow: () => {},
    close: () => {},
  }
  const pinia = createPinia()
  createApp({}).provide(HOST_KEY, host).use(pinia)
  return pinia
}
