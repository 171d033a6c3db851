/**
 * The browser's own voices (`speechSynthesis.getVoices()`), kept up to date: Chromium fills the
 * list asynchronously and announces it with `voiceschanged`; headless browsers and many Linux
 * desktops have none at all, which `settled` lets the UI say instead of waiting forever.
 */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

export interface BrowserVoice {
  name: string
  lang: string
  isDefault: boolean
}

/** How long an empty list may still be filling in before it counts as "no voices". */
const SETTLE_MS = 1_000

export function useBrowserVoices(): { voices: Ref<BrowserVoice[]>; settled: Ref<boolean> } {
  const voices = ref<BrowserVoice[]>([])
  const settled = ref(false)
  const synth = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis
  let timer: ReturnType<typeof setTimeout> | undefined

  const read = (): void => {
    voices.value = (synth?.getVoices() ?? []).map((v) => ({ name: v.name, lang: v.lang, isDefault: v.default }))
    if (voices.value.length > 0 || !synth) settled.value = true
  }

  onMounted(() => {
    read()
    synth?.addEventListener('voiceschanged', read)
    timer = setTimeout(() => (settled.value = true), SETTLE_MS)
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    synth?.removeEventListener('voiceschanged', read)
  })
  return { voices, settled }
}
