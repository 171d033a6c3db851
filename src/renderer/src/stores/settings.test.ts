/** The settings store: the theme preview while the dialog is open, and reset through the host. */
import { createPinia } from 'pinia'
import { expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import type { HostApi } from '../../../shared/host'
import { defaultSettings, type SettingsView } from '../../../shared/settings'
import { HOST_KEY } from '../host/inject'
import type { HostConnection } from '../host/types'
import { useSettingsStore } from './settings'

const view = (theme: 'system' | 'light' | 'dark'): SettingsView => ({
  settings: { ...defaultSettings(), theme },
  hasToken: false,
  hasCompanionApiKey: false,
})

it('shows a previewed theme until the dialog closes, and resets through the host', async () => {
  const resetSettings = vi.fn(async () => view('system'))
  const host: HostConnection = {
    kind: 'electron',
    api: { resetSettings } as Partial<HostApi> as HostApi,
    transport: { state: 'open', attempt: 0 },
    onTransport: () => () => {},
    retryNow: () => {},
    close: () => {},
  }
  const pinia = createPinia()
  createApp({}).provide(HOST_KEY, host).use(pinia)
  const settings = useSettingsStore(pinia)
  settings.setView(view('light'))
  settings.openDialog()
  settings.previewTheme = 'dark'
  expect(settings.theme).toBe('dark')
  settings.closeDialog()
  expect(settings).toMatchObject({ theme: 'light', dialogOpen: false })
  await settings.reset()
  expect(resetSettings).toHaveBeenCalledOnce()
  expect(settings.theme).toBe('system')
})
