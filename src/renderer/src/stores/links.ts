/**
 * Links in answers: a click asks first (LinkConfirmDialog), then the host opens the address in
 * the system browser. In web mode the host has no browser of its own (`opened: false`): the page
 * is already in the reader's browser, so a new tab is the system browser there.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { externalUrl } from '../../../shared/external-url'
import { useHost } from '../host/inject'
import { hostErrorText } from '../lib/host-text'
import { key } from '../lib/local-text'
import { useConnectionStore } from './connection'

export const useLinksStore = defineStore('links', () => {
  const host = useHost()
  const connection = useConnectionStore()
  /** The address waiting for the reader's answer. */
  const asking = ref<string>()

  /** Asks about `href`; false (and no question) for an address that may not leave the app. */
  function ask(href: string): boolean {
    const url = externalUrl(href)
    if (url === undefined) return false
    asking.value = url
    return true
  }

  function cancel(): void {
    asking.value = undefined
  }

  async function open(): Promise<void> {
    const url = asking.value
    asking.value = undefined
    if (url === undefined) return
    try {
      const { opened } = await host.api.openExternal({ url })
      if (!opened) window.open(url, '_blank', 'noopener,noreferrer')
    } catch (error) {
      connection.notify('error', key('chat.notice.couldNotOpenLink', { reason: hostErrorText(error) }))
    }
  }

  return { asking, ask, cancel, open }
})
