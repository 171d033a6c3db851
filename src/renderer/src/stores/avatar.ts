/**
 * The avatar store: the server's avatar configs, the one in use and its model. The avatar renderer
 * reads `model`; host events (`avatar-configs`, `avatar-model`, `avatar-switched`) keep it current.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { AvatarConfig, AvatarModel, HostEvent } from '../../../shared/host'
import { useHost } from '../host/inject'
import { hostErrorText } from '../lib/host-text'
import { say, type LocalText } from '../lib/local-text'
import { useSpeechI18n } from '../lib/speech/i18n'
import { useConnectionStore } from './connection'

export const useAvatarStore = defineStore('avatar', () => {
  const host = useHost()
  const configs = ref<AvatarConfig[]>([])
  /** The config file in use, once the server said or we switched. */
  const current = ref<string>()
  const model = ref<AvatarModel | null>(null)
  /** The file being switched to. */
  const pendingFile = ref<string>()
  const switching = computed(() => pendingFile.value !== undefined)
  /** The last failure: loading the list, or switching (the host's words by their code, else the host's or the server's). */
  const failure = ref<{ kind: 'load' | 'switch'; said: LocalText }>()
  // Worded here, in the language in use (and again when it changes), for the menu that shows `error.text`.
  const { t } = useSpeechI18n()
  const error = computed(() => failure.value && { kind: failure.value.kind, text: say(t, failure.value.said) })
  const loading = ref(false)

  // Another server (or the built-in one restarted) has its own characters: forget the old ones.
  const connection = useConnectionStore()
  watch(
    () => connection.link && `${connection.link.serverKind} ${connection.link.serverUrl}`,
    (server, before) => {
      if (before === undefined || server === before) return
      configs.value = []
      current.value = undefined
      model.value = null
      failure.value = undefined
    },
  )

  /** The character's name for people: the config's name, else the model's. */
  const name = computed(
    () => configs.value.find((c) => c.filename === current.value)?.name ?? model.value?.confName ?? model.value?.source.name ?? undefined,
  )

  async function load(): Promise<void> {
    loading.value = true
    failure.value = undefined
    try {
      configs.value = (await host.api.fetchAvatarConfigs()).configs
    } catch (problem) {
      failure.value = { kind: 'load', said: hostErrorText(problem) }
    } finally {
      loading.value = false
    }
  }

  async function switchTo(file: string): Promise<boolean> {
    if (pendingFile.value !== undefined) return false
    pendingFile.value = file
    failure.value = undefined
    try {
      model.value = (await host.api.switchAvatarConfig({ file })).model
      current.value = file
      return true
    } catch (problem) {
      failure.value = { kind: 'switch', said: hostErrorText(problem) }
      return false
    } finally {
      pendingFile.value = undefined
    }
  }

  /** The host's snapshot (on load and after the transport reopens): the avatar in use, when the server sent one. */
  function hydrate(snapshot: { model: AvatarModel; file?: string } | undefined): void {
    if (!snapshot) return
    model.value = snapshot.model
    if (snapshot.file !== undefined) current.value = snapshot.file
  }

  /** The avatar's share of a host event batch; other events are ignored here. */
  function apply(event: HostEvent): void {
    switch (event.type) {
      case 'avatar-configs':
        configs.value = event.configs
        return
      case 'avatar-model':
        model.value = event.model
        return
      case 'avatar-switched':
        if (event.file !== undefined) current.value = event.file
        return
      default:
        return
    }
  }

  return { configs, current, model, switching, pendingFile, error, loading, name, apply, hydrate, load, switchTo }
})
