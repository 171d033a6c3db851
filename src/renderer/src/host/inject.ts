import { inject, type InjectionKey } from 'vue'
import type { HostConnection } from './types'

export const HOST_KEY: InjectionKey<HostConnection> = Symbol('mira-host')

/** The app's host connection (provided in main.ts); stores and components reach the host only through it. */
export function useHost(): HostConnection {
  const host = inject(HOST_KEY)
  if (!host) throw new Error('No host connection provided: call app.provide(HOST_KEY, …) before mounting')
  return host
}
