import { watch } from 'vue'
import { restBaseFromChatUrl } from '../../../shared/server-url'
import { useConnectionStore } from '../stores/connection'

/** The REST origin of a chat-stream URL, or undefined when there is none yet. */
function restOrigin(serverUrl: string | undefined): string | undefined {
  if (!serverUrl) return undefined
  try {
    return new URL(restBaseFromChatUrl(serverUrl)).origin
  } catch {
    return undefined
  }
}

/**
 * The page's CSP lets images and audio come from the agent server's origin only, and a policy is
 * fixed when the page loads: once the link moves to a server on another origin (the user chose
 * another server), the page reloads to get the policy for it — the host builds each load's policy
 * for the server in use. Conversations, settings and the outbox live in the host: nothing is lost.
 */
export function useCspFollowsServer(reload: () => void = () => location.reload()): void {
  const connection = useConnectionStore()
  let loadedFor: string | undefined
  watch(
    () => restOrigin(connection.link?.serverUrl),
    (origin) => {
      if (!origin) return
      loadedFor ??= origin
      if (origin !== loadedFor) reload()
    },
    { immediate: true },
  )
}
