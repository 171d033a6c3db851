/** The connection store: the bridge to the host, the link to the agent server, and notices. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { HostEventOf, LinkStatus } from '../../../shared/host'
import { useHost } from '../host/inject'
import type { TransportStatus } from '../host/types'
import { describeStatus } from '../lib/describe-status'
import { hostErrorText, hostText } from '../lib/host-text'
import type { LocalText } from '../lib/local-text'
import { useSettingsStore } from './settings'

export interface Notice {
  id: number
  level: 'warning' | 'error'
  /** A plain string is shown as it is (the host's or the server's own words); a LocalText in the reader's language. */
  text: string | LocalText
}

const NOTICE_LIFETIME_MS = 12_000
const MAX_NOTICES = 3

export const useConnectionStore = defineStore('connection', () => {
  const host = useHost()
  const link = ref<LinkStatus>()
  const transport = ref<TransportStatus>(host.transport)
  const notices = ref<Notice[]>([])
  let nextNoticeId = 1

  const settings = useSettingsStore()
  /** The link talks to the server saved in Settings (not one given at start), so Settings holds its token. */
  const tokenFromSettings = computed(() => {
    const server = settings.view?.settings.server
    return !link.value || link.value.serverKind === 'builtin' || (server?.mode === 'custom' && server.url === link.value.serverUrl)
  })
  const summary = computed(() => describeStatus(transport.value, link.value, tokenFromSettings.value))
  const ready = computed(() => transport.value.state === 'open' && link.value?.state === 'ready')

  function setLink(status: LinkStatus): void {
    link.value = status
  }

  function setTransport(status: TransportStatus): void {
    transport.value = status
  }

  function notify(level: Notice['level'], text: string | LocalText): void {
    const id = nextNoticeId++
    notices.value = [...notices.value, { id, level, text }].slice(-MAX_NOTICES)
    setTimeout(() => dismiss(id), NOTICE_LIFETIME_MS)
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  /** Host notices: 4003/4004 and other `info` ones are not worth interrupting anyone for. */
  function applyNotice(event: HostEventOf<'notice'>): void {
    if (event.level !== 'info') notify(event.level, hostText(event))
  }

  async function retry(): Promise<void> {
    if (transport.value.state !== 'open') return host.retryNow()
    try {
      await host.api.retryConnection()
    } catch (error) {
      notify('error', hostErrorText(error))
    }
  }

  return { link, transport, notices, summary, ready, setLink, setTransport, notify, dismiss, applyNotice, retry }
})

