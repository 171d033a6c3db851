/**
 * The scene store: the server's background images and the backdrop chosen for the stage. The
 * choice is kept in this browser's localStorage, per server (the built-in one, or a custom URL),
 * as a server path — the built-in server's port changes every run, its paths do not.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { z } from 'zod'
import type { Background } from '../../../shared/host'
import { restBaseFromChatUrl, tryResolveServerPath } from '../../../shared/server-url'
import { useHost } from '../host/inject'
import { errorText, useConnectionStore } from './connection'

export const backgroundChoiceSchema = z.discriminatedUnion('kind', [
  /** The app's own calm gradient. */
  z.object({ kind: z.literal('default') }),
  z.object({ kind: z.literal('image'), path: z.string().min(1).max(2_000) }),
  z.object({ kind: z.literal('color'), color: z.string().regex(/^#[0-9a-f]{6}$/i) }),
  /** No backdrop at all (for the coming desktop overlay). */
  z.object({ kind: z.literal('transparent') }),
])
export type BackgroundChoice = z.infer<typeof backgroundChoiceSchema>

export const BACKGROUND_STORAGE_PREFIX = 'mira.background:'
const DEFAULT_CHOICE: BackgroundChoice = { kind: 'default' }

function storage(): Pick<Storage, 'getItem' | 'setItem'> | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage
}

function readChoice(key: string): BackgroundChoice {
  try {
    const text = storage()?.getItem(key)
    if (!text) return DEFAULT_CHOICE
    const parsed = backgroundChoiceSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : DEFAULT_CHOICE
  } catch {
    // Unreadable storage or JSON: the default backdrop, nothing worse.
    return DEFAULT_CHOICE
  }
}

export const useSceneStore = defineStore('scene', () => {
  const host = useHost()
  const connection = useConnectionStore()
  const backgrounds = ref<Background[]>([])
  const loading = ref(false)
  const error = ref<string>()
  const choice = ref<BackgroundChoice>(DEFAULT_CHOICE)

  /** Which server the choice belongs to; undefined until the first link status arrives. */
  const storageKey = computed(() => {
    const link = connection.link
    if (!link) return undefined
    return `${BACKGROUND_STORAGE_PREFIX}${link.serverKind === 'builtin' ? 'builtin' : `custom:${link.serverUrl}`}`
  })
  watch(
    storageKey,
    (key, before) => {
      choice.value = key ? readChoice(key) : DEFAULT_CHOICE
      // Another server lists other images.
      if (before !== undefined) backgrounds.value = []
    },
    { immediate: true },
  )

  /** The chosen image's URL on the server in use, resolved with the same rule as every server path. */
  const imageUrl = computed(() => {
    const link = connection.link
    if (choice.value.kind !== 'image' || !link) return undefined
    try {
      return tryResolveServerPath(restBaseFromChatUrl(link.serverUrl), choice.value.path) ?? undefined
    } catch {
      return undefined
    }
  })

  function choose(next: BackgroundChoice): void {
    choice.value = next
    const key = storageKey.value
    try {
      if (key) storage()?.setItem(key, JSON.stringify(next))
    } catch {
      // A full or blocked storage: the choice still holds for this session.
    }
  }

  function setBackgrounds(list: Background[]): void {
    backgrounds.value = list
  }

  async function load(): Promise<void> {
    loading.value = true
    error.value = undefined
    try {
      backgrounds.value = (await host.api.fetchBackgrounds()).backgrounds
    } catch (failure) {
      error.value = errorText(failure)
    } finally {
      loading.value = false
    }
  }

  return { backgrounds, loading, error, choice, imageUrl, choose, setBackgrounds, load }
})
