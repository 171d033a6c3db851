/** Which adapter speaks which protocol, and how `auto` picks one from the address. */
import { CHAT_STREAM_PATH, type ProtocolKind, type ServerKind } from '../../../shared/protocol'
import { dextoProtocol } from './dexto'
import { dmpProtocol } from './dmp'
import { symindxProtocol } from './symindx'
import { generalBotsProtocol } from './generalbots'
import { lexiconProtocol } from './lexicon'
import type { ProtocolCredentials, ServerProtocol } from './types'

export type AnyProtocol = ServerProtocol<unknown, unknown>

const ADAPTERS: Record<ProtocolKind, (credentials: ProtocolCredentials) => AnyProtocol> = {
  dmp: () => dmpProtocol(),
  dexto: (credentials) => dextoProtocol(credentials.sessionId === undefined ? {} : { sessionId: credentials.sessionId }),
  symindx: (credentials) => symindxProtocol(credentials.agent === undefined ? {} : { agent: credentials.agent }),
  generalbots: (credentials) => generalBotsProtocol(credentials.sessionId === undefined ? {} : { sessionId: credentials.sessionId }),
  // One fixed chat (`credentials.chatId`); the app and the CLI build theirs with lexicon-setup.ts (a chat per conversation).
  lexicon: () => lexiconProtocol(),
}

/** A fresh adapter for one connection. */
export function createProtocol(kind: ProtocolKind, credentials: ProtocolCredentials = {}): AnyProtocol {
  return ADAPTERS[kind](credentials)
}

/** Paths only one protocol uses. */
const PATHS: Record<string, ProtocolKind> = { [CHAT_STREAM_PATH]: 'dmp', '/ws/chat': 'lexicon' }

/**
 * The protocol of a server: the one chosen, or for `auto` the one its path names
 * (`/v1/chat/stream`, which a bare address also gets, or `/ws/chat`); `undefined` when only a probe can tell.
 */
export function resolveKind(kind: ServerKind, url: string): ProtocolKind | undefined {
  if (kind !== 'auto') return kind
  try {
    return PATHS[new URL(url).pathname.replace(/\/+$/, '') || '/']
  } catch {
    return undefined
  }
}
