/** The settings store: the host's validated settings view. Secrets appear only as `hasToken`. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Settings, SettingsPatch, SettingsView } from '../../../shared/settings'
import { useHost } from '../host/inject'
import type { SettingsTarget } from '../lib/settings-sections'

export const useSettingsStore = defineStore('settings', () => {
  const host = useHost()
  const view = ref<SettingsView>()
  /** A theme picked in the open dialog but not saved yet: shown at once, dropped on cancel. */
  const previewTheme = ref<Settings['theme']>()
  /** A language picked in the open dialog but not saved yet: shown at once, dropped on cancel. */
  const previewLanguage = ref<Settings['language']>()
  /** Whether the settings dialog is open (the header button and the connection hint open it). */
  const dialogOpen = ref(false)
  /** Where the dialog opens: a section, the token field (focused), or running Test connection. */
  const dialogTarget = ref<SettingsTarget>()

  const theme = computed(() => previewTheme.value ?? view.value?.settings.theme ?? 'system')
  const language = computed(() => previewLanguage.value ?? view.value?.settings.language)

  function setView(next: SettingsView): void {
    view.value = next
  }

  /** Rejects with the host's reason (e.g. an invalid server address) for the form to show. */
  async function update(patch: SettingsPatch): Promise<void> {
    view.value = await host.api.updateSettings(patch)
  }

  /** Saves the token for the server at `url` (default: the saved address); the host sends it nowhere else. */
  async function setToken(token: string | null, url?: string): Promise<void> {
    view.value = await host.api.setToken({ token, ...(url === undefined ? {} : { url }) })
  }

  async function setServerApiKey(apiKey: string | null, url?: string): Promise<void> {
    view.value = await host.api.setServerApiKey({ apiKey, ...(url ? { url } : {}) })
  }

  async function setCompanionApiKey(apiKey: string | null, baseUrl?: string): Promise<void> {
    view.value = await host.api.setCompanionApiKey({ apiKey, ...(baseUrl ? { baseUrl } : {}) })
  }

  /** Every setting back to its default; the saved token and API key stay. */
  async function reset(): Promise<void> {
    view.value = await host.api.resetSettings()
  }

  function openDialog(target?: SettingsTarget): void {
    dialogTarget.value = target
    dialogOpen.value = true
  }

  function closeDialog(): void {
    dialogOpen.value = false
    dialogTarget.value = undefined
    previewTheme.value = undefined
    previewLanguage.value = undefined
  }

  return { view, theme, previewTheme, language, previewLanguage, dialogOpen, dialogTarget, setView, update, setToken, setServerApiKey, setCompanionApiKey, reset, openDialog, closeDialog }
})
