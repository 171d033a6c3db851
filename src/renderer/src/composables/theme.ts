import { watchEffect } from 'vue'
import { useSettingsStore } from '../stores/settings'

/** Applies the theme setting: `system` follows the OS (prefers-color-scheme), the others force it. */
export function useThemeAttribute(): void {
  const settings = useSettingsStore()
  watchEffect(() => {
    const root = document.documentElement
    if (settings.theme === 'system') delete root.dataset.theme
    else root.dataset.theme = settings.theme
  })
}
