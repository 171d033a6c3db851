/**
 * The user's own characters (VRM files kept by the host in the data dir), the one chosen, the
 * Live2D runtimes they supplied, and from all that the model the stage shows: theirs when chosen,
 * else the server's, else the built-in avatar.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { BUILTIN_SOURCE, type AvatarSource } from '../../../shared/avatar/source'
import { checkVrmBytes, isZip, MAX_CHARACTER_BYTES, MAX_RUNTIME_BYTES } from '../../../shared/avatar/files'
import type { CharacterSettings, Live2dRuntimes, LocalCharacter } from '../../../shared/host'
import { useHost } from '../host/inject'
import { hostErrorText } from '../lib/host-text'
import { readBase64 } from '../lib/image-file'
import { packFolder, type FolderFile } from '../lib/avatar/pack-folder'
import { messageOf } from '../../../shared/errors'
import { key, type LocalText } from '../lib/local-text'
import { useAvatarStore } from './avatar'

export const useCharactersStore = defineStore('characters', () => {
  const host = useHost()
  const avatar = useAvatarStore()
  const characters = ref<LocalCharacter[]>([])
  const chosen = ref<string | null>(null)
  const runtimes = ref<Live2dRuntimes>({})
  const loaded = ref(false)
  const busy = ref(false)
  /** The last thing that went wrong adding, choosing or removing. */
  const problem = ref<LocalText>()

  const source = computed<AvatarSource>(() => {
    const own = characters.value.find((c) => c.id === chosen.value)
    if (own) return { ...BUILTIN_SOURCE, ...own.settings, kind: own.kind, url: own.url, ...(own.name ? { name: own.name } : {}) }
    return avatar.model?.source ?? BUILTIN_SOURCE
  })

  /** The character's name for people: the user's own character's, else the server's. */
  const name = computed(() => {
    const own = characters.value.find((c) => c.id === chosen.value)
    return own ? own.name || undefined : avatar.name
  })

  async function load(): Promise<void> {
    try {
      const list = await host.api.listCharacters()
      characters.value = list.characters
      chosen.value = list.chosen
      runtimes.value = list.runtimes
      loaded.value = true
    } catch (failure) {
      problem.value = key('character.loadFailed', { error: hostErrorText(failure) })
    }
  }

  async function run(task: () => Promise<void>, failed: 'character.addFailed' | 'character.chooseFailed' | 'character.removeFailed'): Promise<boolean> {
    problem.value = undefined
    busy.value = true
    try {
      await task()
      return true
    } catch (failure) {
      problem.value = key(failed, { error: hostErrorText(failure) })
      return false
    } finally {
      busy.value = false
    }
  }

  /**
   * Checks a dropped or picked `.vrm` as the host will (a zipped Live2D model is checked by the
   * host, which unpacks it), stores it and puts it on the stage.
   */
  async function add(file: File): Promise<boolean> {
    if (file.size > MAX_CHARACTER_BYTES) {
      problem.value = key('character.tooLarge', { max: MAX_CHARACTER_BYTES / 1024 / 1024 })
      return false
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    const check = isZip(bytes) ? ({ ok: true } as const) : checkVrmBytes(bytes)
    if (!check.ok) {
      problem.value = key(`character.file.${check.problem}`, { name: file.name })
      return false
    }
    return run(async () => {
      const added = await host.api.addCharacter({ name: file.name, data: await readBase64(file) })
      characters.value = [...characters.value, added]
      chosen.value = added.id
    }, 'character.addFailed')
  }

  /** A Live2D model's folder (its files, read when asked for): packed into one zip and added. */
  async function addFolder(files: () => Promise<FolderFile[]>): Promise<boolean> {
    try {
      const list = await files()
      if (list.reduce((n, f) => n + f.file.size, 0) > MAX_CHARACTER_BYTES) {
        problem.value = key('character.tooLarge', { max: MAX_CHARACTER_BYTES / 1024 / 1024 })
        return false
      }
      return await add(await packFolder(list))
    } catch (failure) {
      problem.value = key('character.addFailed', { error: messageOf(failure) })
      return false
    }
  }

  /** One of the user's characters, or `null` for the server's (or the built-in one). */
  function choose(id: string | null): Promise<boolean> {
    if (id === chosen.value) return Promise.resolve(true)
    return run(async () => {
      await host.api.chooseCharacter({ id })
      chosen.value = id
    }, 'character.chooseFailed')
  }

  function remove(id: string): Promise<boolean> {
    return run(async () => {
      await host.api.removeCharacter({ id })
      characters.value = characters.value.filter((c) => c.id !== id)
      if (chosen.value === id) chosen.value = null
    }, 'character.removeFailed')
  }

  const put = (character: LocalCharacter): void => void (characters.value = characters.value.map((c) => (c.id === character.id ? character : c)))
  /** The stage shows these settings now, without keeping them (a slider being dragged). */
  function previewSettings(id: string, settings: CharacterSettings): void {
    const character = characters.value.find((c) => c.id === id)
    if (character) put({ ...character, settings })
  }

  /** How one of the user's characters is placed, and its emotion map: shown at once and kept (a failed save puts the kept one back). */
  async function saveSettings(id: string, settings: CharacterSettings, kept?: CharacterSettings): Promise<boolean> {
    const before = characters.value.find((c) => c.id === id)
    if (!before) return false
    put({ ...before, settings })
    problem.value = undefined
    try {
      await host.api.setCharacterSettings({ id, settings })
      return true
    } catch (failure) {
      put({ ...before, ...(kept ? { settings: kept } : {}) })
      problem.value = key('character.saveFailed', { error: hostErrorText(failure) })
      return false
    }
  }

  /** Keeps the picture the stage rendered of one of the user's characters (once: it is listed with it from then on). */
  async function saveThumbnail(id: string, picture: Blob): Promise<void> {
    try {
      put(await host.api.setCharacterThumbnail({ id, data: await readBase64(picture) }))
    } catch {
      // Without a picture the menu shows the name alone; the next showing tries again.
    }
  }

  /** Keeps a Live2D runtime the user picked; the host recognizes which one it is. */
  async function setRuntime(file: File): Promise<boolean> {
    if (file.size > MAX_RUNTIME_BYTES) {
      problem.value = key('character.runtime.notRuntime')
      return false
    }
    return run(async () => {
      runtimes.value = (await host.api.setLive2dRuntime({ data: await readBase64(file) })).runtimes
    }, 'character.addFailed')
  }

  return { characters, chosen, runtimes, loaded, busy, problem, source, name, load, add, addFolder, choose, remove, setRuntime, previewSettings, saveSettings, saveThumbnail }
})
