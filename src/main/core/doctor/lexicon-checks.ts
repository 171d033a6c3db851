/**
 * The connection checks for a Lexicon server: its REST API first (reachable, the API key accepted,
 * a chat creatable with `POST /api/v1/chats/`, unless a chat id is given), then the chat socket in
 * that chat through the adapter (adapter-checks.ts: tcp, the upgrade, `connection_established`,
 * the keep-alive). Lexicon has no voice: tts is not run.
 */
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import { hostText } from '../../../shared/host/host-text'
import { messageOf } from '../../../shared/errors'
import { ChatCreationError, LexiconChats, LEXICON_CHATS_PATH } from '../protocols/lexicon-chats'
import { fail, pass, skip, timed, type CheckOutcome } from './check'
import type { CheckTimeouts } from './checks'
import { runAdapterChecks } from './adapter-checks'
import type { CheckTarget } from './run-checks'

export async function runLexiconChecks(target: CheckTarget, timeouts: CheckTimeouts): Promise<ConnectionCheck[]> {
  const credentials = target.credentials ?? {}
  let chatId = credentials.chatId
  const rest = await timed('rest', async (): Promise<CheckOutcome> => {
    if (chatId) return skip(hostText(`chat ${chatId} given: none created`, 'checkLexiconChatGiven', { chat: chatId }))
    const chats = new LexiconChats({ url: target.url, apiKey: () => credentials.apiKey, userId: () => credentials.userId })
    try {
      chatId = await withTimeout(chats.create('Mira doctor'), timeouts.stepMs)
      return pass(hostText(`chat ${chatId} created with POST ${LEXICON_CHATS_PATH}`, 'checkLexiconChatCreated', { chat: chatId, path: LEXICON_CHATS_PATH }))
    } catch (error) {
      const why = messageOf(error)
      if (error instanceof ChatCreationError && error.kind === 'refused') {
        return fail(hostText(`the server refused to create a chat (${why})`, 'checkLexiconChatRefused', { error: why }), credentials.apiKey ? 'check-token' : 'add-token')
      }
      return fail(hostText(`could not create a chat (${why})`, 'checkLexiconChatFailed', { error: why }), 'check-address')
    }
  })
  const socket = await runAdapterChecks({ ...target, credentials: { ...credentials, ...(chatId ? { chatId } : {}) } }, timeouts)
  return socket.map((check) => (check.id === 'rest' ? rest : check))
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
