import { ref, watch, type Ref } from 'vue'

const STORAGE_KEY = 'mira.captionsOnly'

/**
 * "Captions only": the conversation log folds away, leaving the stage, its caption and the
 * composer. A per-device view choice like the window's size, so it stays in this browser's (or
 * window's) localStorage rather than in the settings file shared by every device and the CLI.
 */
export function useCaptionsOnly(storage: Storage | undefined = globalThis.localStorage): Ref<boolean> {
  const on = ref(storage?.getItem(STORAGE_KEY) === 'true')
  watch(on, (value) => {
    try {
      if (value) storage?.setItem(STORAGE_KEY, 'true')
      else storage?.removeItem(STORAGE_KEY)
    } catch {
      // Storage full or blocked: the choice lasts until the page is reloaded.
    }
  })
  return on
}
