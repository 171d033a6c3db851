/** The settings store: the theme preview while the dialog is open, and reset through the host. */
import { expect, it, vi } from 'vitest'
import { defaultSettings, type SettingsView } from '../../../shared/settings'
import { useSettingsStore } from './settings'
import { piniaWithHost } from './test-host'

const view = (theme: 'system' | 'light' | 'dark'): SettingsView => ({
  settings: { ...defaultSettings(), theme },
  hasToken: false,
  hasCompanionApiKey: false,
})

it('shows a previewed theme until the dialog closes, and resets through the host', async () => {
  const resetSettings = vi.fn(async () => view('system'))
  const pinia = piniaWithHost({ resetSettings })
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
