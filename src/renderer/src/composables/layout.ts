import { computed, ref, watch, type Ref } from 'vue'

/**
 * The window's layout: `companion` (the stage fills the window, the answer in a bubble by the
 * character, the conversation one click away) or `chat` (the stage beside the conversation).
 * A per-device view choice like the window's size, so it lives in this browser's (or window's)
 * localStorage rather than in the settings file every device and the CLI share.
 */
export type LayoutKind = 'companion' | 'chat'
export const LAYOUTS: readonly LayoutKind[] = ['companion', 'chat']

const LAYOUT_KEY = 'mira.layout'
const CONVERSATION_KEY = 'mira.conversationOpen'

function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null
  } catch {
    return null
  }
}

function persist<T>(source: Ref<T>, key: string, encode: (value: T) => string | undefined): void {
  watch(source, (value) => {
    try {
      const text = encode(value)
      if (text === undefined) globalThis.localStorage?.removeItem(key)
      else globalThis.localStorage?.setItem(key, text)
    } catch {
      // Storage full or blocked: the choice lasts until the page is reloaded.
    }
  })
}

/** One state for the whole window: the header, the settings dialog and the shell read the same refs. */
function createLayoutState() {
  const saved = ref<LayoutKind>(read(LAYOUT_KEY) === 'chat' ? 'chat' : 'companion')
  /** A layout picked in the open settings dialog, shown at once and dropped on Cancel. */
  const preview = ref<LayoutKind>()
  /** Companion layout: the conversation drawer (a bottom sheet in a narrow window) is open. */
  const conversationOpen = ref(read(CONVERSATION_KEY) === 'true')
  persist(saved, LAYOUT_KEY, (value) => (value === 'companion' ? undefined : value))
  persist(conversationOpen, CONVERSATION_KEY, (value) => String(value))
  const layout = computed(() => preview.value ?? saved.value)
  return { saved, preview, layout, conversationOpen }
}

let state: ReturnType<typeof createLayoutState> | undefined

export function useLayout(): ReturnType<typeof createLayoutState> {
  return (state ??= createLayoutState())
}
