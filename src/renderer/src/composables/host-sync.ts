/**
 * Feeds the stores from the host: event batches as they come, and a fresh snapshot whenever the
 * transport (re)opens, since events sent while it was down are gone.
 */
import { onScopeDispose } from 'vue'
import type { HostEvent } from '../../../shared/host'
import { useHost } from '../host/inject'
import { hostErrorText } from '../lib/host-text'
import { key } from '../lib/local-text'
import { useAvatarStore } from '../stores/avatar'
import { useChatStore } from '../stores/chat'
import { useConnectionStore } from '../stores/connection'
import { useGlobalPushToTalkStore } from '../stores/global-push-to-talk'
import { useRecognisersStore } from '../stores/recognisers'
import { useSceneStore } from '../stores/scene'
import { useSettingsStore } from '../stores/settings'
import { useSpeechStore } from '../stores/speech'

export function useHostSync(): void {
  const host = useHost()
  const chat = useChatStore()
  const connection = useConnectionStore()
  const settings = useSettingsStore()
  const avatar = useAvatarStore()
  const scene = useSceneStore()
  const speech = useSpeechStore()
  const pushToTalk = useGlobalPushToTalkStore()
  const recognisers = useRecognisersStore()

  function route(event: HostEvent): void {
    switch (event.type) {
      case 'link-status':
        return connection.setLink(event.status)
      case 'notice':
        return connection.applyNotice(event)
      case 'settings':
        return settings.setView(event.view)
      case 'avatar-configs':
      case 'avatar-model':
      case 'avatar-switched':
        return avatar.apply(event)
      case 'whisper-models':
        return recognisers.setModels(event.models)
      case 'backgrounds':
        return scene.setBackgrounds(event.backgrounds)
      case 'turn-speech':
        return speech.enqueue(event)
      case 'turn-interrupted':
        speech.dropTurn(event.turnId)
        return chat.apply(event)
      case 'push-to-talk':
        return pushToTalk.pushed(event.action)
      case 'app-command':
        if (event.command === 'open-settings') return settings.openDialog()
        // As the drawer's "New conversation": never while an answer streams (it would land in the new one).
        if (!chat.busy) chat.showConversation(undefined)
        return
      default:
        return chat.apply(event)
    }
  }

  let synced = false
  async function resync(): Promise<void> {
    try {
      const snapshot = await host.api.getSnapshot()
      connection.setLink(snapshot.status)
      settings.setView(snapshot.settings)
      avatar.hydrate(snapshot.avatar)
      chat.hydrate(snapshot.messages, synced)
      synced = true
    } catch (error) {
      connection.notify('error', key('host.loadStateFailed', { error: hostErrorText(error) }))
    }
  }

  const offEvents = host.api.onEvents((events) => events.forEach(route))
  const offTransport = host.onTransport((status) => {
    connection.setTransport(status)
    if (status.state === 'open') void resync()
  })
  if (host.transport.state === 'open') void resync()

  onScopeDispose(() => {
    offEvents()
    offTransport()
  })
}
