/**
 * The scene store: the server's background images, the user's own (kept by the host in the data
 * dir) and the backdrop chosen for the stage. The choice is kept in this browser's localStorage,
 * per server (the built-in one, or a custom URL), as a server path or a stored image's id — the
 * built-in server's port changes every run, its paths do not; the host's URLs change per launch.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { z } from 'zod'
import type { Background } from '../../../shared/host'
import type { LocalBackground } from '../../../shared/host/backgrounds'
import { hostErrorText } from '../lib/host-text'
import { MAX_BACKGROUND_MB, readImageFile } from '../lib/image-file'
import { key, type LocalText } from '../lib/local-text'
import { restBaseFromChatUrl, tryResolveServerPath } from '../../../shared/server-url'
import { useHost } from '../host/inject'
import { useConnectionStore } from './connection'

export const backgroundChoiceSchema = z.discriminatedUnion('kind', [
  /** The app's own calm gradient. */
  z.object({ kind: z.literal('default') }),
  z.object({ kind: z.literal('image'), path: z.string().min(1).max(2_000) }),
  /** One of the user's own images, by the id the host gave it. */
  z.object({ kind: z.literal('local'), id: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('color'), color: z.string().regex(/^#[0-9a-f]{6}$/i) }),
  /** No backdrop at all (for the coming desktop overlay). */
  z.object({ kind: z.literal('transparent') }),
])
export type BackgroundChoice = z.infer<typeof backgroundChoiceSchema>

/** Something to tell the user (a key of `scene.notes`): an image refused or not stored, or a choice that cannot show. */
export interface SceneNotice {
  key: 'notImage' | 'tooLarge' | 'addFailed' | 'removeFailed' | 'broken' | 'missing'
  /** `error`: the host's refusal, in the reader's language where the host gave it a code. */
  params?: Record<string, string | number | LocalText>
}

/** A scene notice's words, for `say()`. */
export const sceneNoteText = (notice: SceneNotice): LocalText => key(`scene.notes.${notice.key}`, notice.params)

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
  /** Why the server's backgrounds could not be loaded. */
  const error = ref<LocalText>()
  const choice = ref<BackgroundChoice>(DEFAULT_CHOICE)
  const localBackgrounds = ref<LocalBackground[]>([])
  /** Whether the host's list of the user's images has arrived (only then is a chosen one known to be gone). */
  const localLoaded = ref(false)
  const adding = ref(false)
  /** The outcome of the last add or remove, when it went wrong. */
  const notice = ref<SceneNotice>()
  /** An image URL that failed to load: the default backdrop shows instead of a broken picture. */
  const failedUrl = ref<string>()
  /** The gallery is open: it shows the notices itself, the stage does not. */
  const pickerOpen = ref(false)

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

  /** The chosen image's URL: on the server in use (resolved with the same rule as every server path), or the host's. */
  const chosenUrl = computed(() => {
    const current = choice.value
    if (current.kind === 'local') return localBackgrounds.value.find((b) => b.id === current.id)?.url
    const link = connection.link
    if (current.kind !== 'image' || !link) return undefined
    try {
      return tryResolveServerPath(restBaseFromChatUrl(link.serverUrl), current.path) ?? undefined
    } catch {
      return undefined
    }
  })
  const imageUrl = computed(() => (chosenUrl.value !== failedUrl.value ? chosenUrl.value : undefined))

  /** Why the chosen image is not on the stage (the default backdrop is), if it is not. */
  const fallback = computed<SceneNotice | undefined>(() => {
    if (chosenUrl.value !== undefined && chosenUrl.value === failedUrl.value) return { key: 'broken' }
    if (choice.value.kind === 'local' && localLoaded.value && chosenUrl.value === undefined) return { key: 'missing' }
    return undefined
  })

  // A stored image chosen in an earlier run: its URL comes from the host.
  watch(
    choice,
    (current) => {
      if (current.kind === 'local' && !localLoaded.value) void loadLocal()
    },
    { immediate: true },
  )

  function choose(next: BackgroundChoice): void {
    choice.value = next
    notice.value = undefined
    const key = storageKey.value
    try {
      if (key) storage()?.setItem(key, JSON.stringify(next))
    } catch {
      // A full or blocked storage: the choice still holds for this session.
    }
  }

  async function loadLocal(): Promise<void> {
    try {
      localBackgrounds.value = (await host.api.listLocalBackgrounds()).backgrounds
      localLoaded.value = true
    } catch {
      // The gallery simply shows none of the user's images; the next opening asks again.
    }
  }

  /** Checks, stores and chooses one of the user's images. True when it is on the stage. */
  async function addLocal(file: File): Promise<boolean> {
    notice.value = undefined
    adding.value = true
    try {
      const checked = await readImageFile(file)
      if (!checked.ok) {
        notice.value = { key: checked.problem, params: { max: MAX_BACKGROUND_MB } }
        return false
      }
      const added = await host.api.addBackground({ name: file.name, data: checked.data })
      localBackgrounds.value = [...localBackgrounds.value, added]
      choose({ kind: 'local', id: added.id })
      return true
    } catch (failure) {
      notice.value = { key: 'addFailed', params: { error: hostErrorText(failure) } }
      return false
    } finally {
      adding.value = false
    }
  }

  async function removeLocal(id: string): Promise<void> {
    notice.value = undefined
    try {
      await host.api.removeBackground({ id })
      localBackgrounds.value = localBackgrounds.value.filter((b) => b.id !== id)
      if (choice.value.kind === 'local' && choice.value.id === id) choose(DEFAULT_CHOICE)
    } catch (failure) {
      notice.value = { key: 'removeFailed', params: { error: hostErrorText(failure) } }
    }
  }

  function imageFailed(url: string): void {
    failedUrl.value = url
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
      error.value = hostErrorText(failure)
    } finally {
      loading.value = false
    }
  }

  return {
    backgrounds,
    loading,
    error,
    choice,
    imageUrl,
    fallback,
    localBackgrounds,
    adding,
    notice,
    pickerOpen,
    choose,
    setBackgrounds,
    load,
    loadLocal,
    addLocal,
    removeLocal,
    imageFailed,
  }
})
