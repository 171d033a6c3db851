import type { OutgoingMessage } from '../../../shared/host'
import { useChatStore } from '../stores/chat'
import { useDraftStore } from '../stores/draft'

/** Whether a message may be taken back: it never got its answer (or is still waiting to go out). */
export const replaceable = (message: OutgoingMessage): boolean =>
  message.state === 'interrupted' || message.state === 'failed' || message.state === 'queued'

/**
 * "Edit and resend": the message's text goes back into the composer; a message that never got
 * its answer is replaced, not sent twice. The message button and ↑ in an empty composer share it.
 */
export function useEditAndResend() {
  const chat = useChatStore()
  const draft = useDraftStore()

  /** The last message the reader wrote in this conversation: the only one that can be edited. */
  function lastMessage(): OutgoingMessage | undefined {
    const entry = chat.entries.findLast((e) => e.kind === 'message')
    return entry ? chat.messages[entry.id] : undefined
  }

  async function editAndResend(message: OutgoingMessage): Promise<void> {
    draft.edit(message.text)
    if (replaceable(message)) await chat.discard(message.id)
  }

  /** ↑: the last message back into the composer; false when there is none. */
  function editLast(): boolean {
    const message = lastMessage()
    if (!message) return false
    void editAndResend(message)
    return true
  }

  return { lastMessage, editAndResend, editLast }
}
