/** The settings store: the host's validated settings view. Secrets appear only as `hasToken`. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SettingsPatch, SettingsView } from '../../../shared/settings'
import { useHost } from '../host/inject'

export const useSettingsStore = defineStore('settings', () => {
  const host = useHost()
  const view = ref<SettingsView>()

  const theme = computed(() => view.value?.settings.theme ?? 'system')

  function setView(next: SettingsView): void {
    view.value = next
  }

  /** Rejects with the host's reason (e.g. an invalid server address) for the form to show. */
  async function update(patch: SettingsPatch): Promise<void> {
    view.value = await host.api.updateSettings(patch)
  }

  async function setToken(token: string | null): Promise<void> {
    view.value = await host.api.setToken({ token })
  }

  return { view, theme, setView, update, setToken }
})
