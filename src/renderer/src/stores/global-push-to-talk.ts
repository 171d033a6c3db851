/**
 * System-wide push-to-talk, the page's side: tells the host which key to watch (the listening
 * preference, kept on this device) and what it could get (held, toggled, or why neither), and turns
 * the host's `push-to-talk` events into a held push-to-talk. A press while a push-to-talk is
 * already held (the window's own key, or the button) leaves that one alone, and so does its release.
 */
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { messageOf } from '../../../shared/errors'
import type { GlobalPttStatus } from '../../../shared/host/push-to-talk'
import { useHost } from '../host/inject'
import { useListenStore } from './listen'

export const useGlobalPushToTalkStore = defineStore('globalPushToTalk', () => {
  const host = useHost()
  const listen = useListenStore()
  const status = ref<GlobalPttStatus>({ mode: 'off' })
  /** Why the host could not be asked (the transport was down). */
  const problem = ref<string>()
  let ours = false

  async function apply(key: string): Promise<void> {
    // Off, and never turned on: nothing to tell the host.
    if (key === '' && status.value.mode === 'off') return
    try {
      status.value = await host.api.setGlobalPushToTalk({ key: key === '' ? null : (key as NonNullable<GlobalPttStatus['key']>) })
      problem.value = undefined
    } catch (error) {
      problem.value = messageOf(error)
    }
  }
  watch(() => listen.prefs.globalPushToTalkKey, (key) => void apply(key), { immediate: true })

  function pushed(action: 'press' | 'release'): void {
    if (action === 'press') {
      if (listen.holding) return
      ours = true
      void listen.holdStart()
      listen.holdConfirmed()
      return
    }
    if (!ours) return
    ours = false
    void listen.holdEnd(true)
  }

  return { status, problem, pushed }
})
