/**
 * The seam between Mira and an agent server's chat protocol. A `ServerProtocol` adapter owns only
 * what differs between servers; everything else is shared and written once:
 *
 * - the link (link/chat-link.ts) asks the adapter's *wire* half how to open the socket (URL,
 *   headers), what to send once it opens (an authorize frame, nothing), which frames finish the
 *   handshake or refuse the credentials, which to answer at once (pong), and what keeps the
 *   connection alive; the state machine, backoff and silence watchdog stay the link's;
 * - the session (session/chat-session.ts) asks the adapter's *session* half to turn Mira's
 *   intents into frames and frames into `ProtocolEvent`s; the outbox (exactly once), turn
 *   attribution, the start deadline, speech chunking (when the server sends no speech chunks),
 *   notices and the REST-origin rule stay the session's.
 *
 * One adapter object serves one connection's link and session together (it may keep state for the
 * connection in use, such as the turn it synthesized for a protocol without turn ids: it forgets
 * it when `handshake` is called again). `In` is the adapter's parsed server frame, `Out` its
 * client frame.
 */
import type { HostText } from '../../../shared/host/host-text'
import type { ParseResult, ProtocolKind, RawFrame } from '../../../shared/protocol'

export { PROTOCOL_KINDS, type ProtocolKind } from '../../../shared/protocol/kinds'

/** What the server can do; where a protocol lacks something, the shared code makes up for it. */
export interface ProtocolCapabilities {
  /** The server can stop a turn. Without it, Stop ends the turn for the user at once and ignores the rest. */
  interrupt: boolean
  /** The server keeps conversations (a conversation id continues one). */
  history: boolean
  /** It reports tool calls and results. */
  tools: boolean
  /** It sends sentence-sized speech chunks. Without them the session chunks the token stream itself. */
  speechChunks: boolean
  /** Tokens stream; false: each answer arrives whole. */
  streaming: boolean
  /** It lists backgrounds (`fetch-backgrounds`). */
  backgrounds: boolean
  /** It lists and switches avatar configs. */
  avatars: boolean
}

/** Limits the protocol states, checked before a frame is written (nothing is lost by a refusal). */
export interface ProtocolLimits {
  /** Largest client frame in UTF-8 bytes: a message that would pass it fails, saying why, before anything is sent. */
  maxFrameBytes?: number
  /** At most `max` messages in any `windowMs` (Lexicon: 10 a second): a message past it waits its turn, in order. */
  rate?: { max: number; windowMs: number }
}

/** Everything a protocol may need to get in; each adapter reads what it needs. Secrets stay in the core. */
export interface ProtocolCredentials {
  /** DMP `authorize`, General Bots `?token=`. */
  token?: string
  /** Lexicon `api_key` / `X-API-Key`. */
  apiKey?: string
  /** Lexicon `user_id` (DMP's `user_id` is part of the identity sent with each message). */
  userId?: string
  /** Lexicon `chat_id`. */
  chatId?: string
  /** SYMindX `targetAgent`. */
  agent?: string
  /** Dexto `sessionId`, General Bots `session_id`: a fixed session instead of one per conversation. */
  sessionId?: string
}

/** How to open the socket. */
export interface ConnectTarget {
  url: string
  /** Sent with the upgrade request (the core runs in Node: headers are possible). */
  headers?: Record<string, string>
}

/** What the link does once the socket is open. `reason` words use link/reasons.ts' `Reason` shape. */
export type Handshake<Out> =
  /** Send these, then wait (with the authorize timeout) for a `ready` control. */
  | { kind: 'await'; send: Out[] }
  /** The connection is live at once, after sending these. */
  | { kind: 'open'; send: Out[] }
  /** A credential the protocol needs is missing: close and go `auth-failed` (no retry loop). */
  | { kind: 'missing'; reason: HostText & { textCode: string } }

/** What a parsed frame means to the link. */
export type LinkControl<Out> =
  /** The handshake is done (DMP `authorize_success`, Lexicon `connection_established`). */
  | { kind: 'ready'; connectionId?: string }
  /** The credentials were refused: `auth-failed`, no retry loop. */
  | { kind: 'refused'; reason: HostText & { textCode: string } }
  /** Answer at once (a `pong` to the server's `ping`); the frame goes no further. */
  | { kind: 'reply'; frame: Out }
  /** The link's own business (a `pong` to our ping): it only proves the connection alive. */
  | { kind: 'consumed' }
  /** For the session. */
  | { kind: 'pass' }

/** The half of an adapter the link uses. */
export interface WireProtocol<In, Out> {
  readonly kind: ProtocolKind
  /** The socket to open for the configured server address and credentials. */
  target(url: string, credentials: ProtocolCredentials): ConnectTarget
  /** The socket opened: a new connection begins (forget per-connection state). */
  handshake(credentials: ProtocolCredentials): Handshake<Out>
  /** Never throws: a frame or a `BadFrame` (reported, never fatal). */
  parse(raw: RawFrame, isBinary: boolean): ParseResult<In>
  control(frame: In): LinkControl<Out>
  /** A keep-alive the client must send (General Bots: `ping` every 30 s). */
  readonly heartbeat?: { intervalMs: number; frame: () => Out }
  /** Close codes that mean "credentials refused" (DMP: 4001). */
  readonly authFailedCloseCodes: readonly number[]
  /** Frames only the link may send (handshake, heartbeat answers): refused from callers of `send`. */
  isLinkFrame(frame: Out): boolean
  serialize(frame: Out): string
}

/** Who is talking, read from the settings when each message is written. */
export interface Identity {
  agentId: string
  userId: string
  persona?: string
  limit?: number
}

/** What Mira wants of the server. */
export type Intent =
  | { kind: 'send'; text: string; conversationId?: string; images?: string[]; identity: Identity }
  | { kind: 'interrupt'; turnId?: string }
  /**
   * A new conversation begins: written by the session just before its first message, which then
   * goes with the `conversationId` the answer names (`conversationId` in: when the client chose it).
   */
  | { kind: 'new-conversation'; conversationId?: string }
  | { kind: 'fetch-backgrounds' }
  | { kind: 'fetch-avatar-configs' }
  | { kind: 'switch-avatar-config'; file: string }

/** An intent as frames; `conversationId` is the one the message went out with (an adapter may choose it). */
export interface Encoded<Out> {
  frames: Out[]
  conversationId?: string
  /** `new-conversation` only: the server cannot start another here, so the new one continues the last one's (General Bots). */
  continues?: boolean
}

/**
 * A server frame in Mira's words. `turnId` is optional where the protocol names no turn: such
 * events go to the open turn (the session's turn attribution). An adapter whose protocol has no
 * turn ids synthesizes `turn-start` with one of its own (protocols/implicit-turn.ts).
 */
export type ProtocolEvent =
  | { kind: 'turn-start'; turnId: string; conversationId?: string }
  | { kind: 'token'; chunk: string; turnId?: string }
  | { kind: 'speech'; chunk: string; emotion?: string; turnId?: string }
  /** An expression for the avatar outside speech (SYMindX `emotion_change`, a whole answer's `emotion`). */
  | { kind: 'emotion'; emotion: string; turnId?: string }
  | { kind: 'tool-call'; toolName: string; args: unknown; turnId?: string }
  | { kind: 'tool-result'; toolName?: string; result: unknown; turnId?: string }
  /** `content`, when given, is authoritative: it replaces what streamed. */
  | { kind: 'turn-end'; turnId?: string; conversationId?: string; content?: string }
  /** The server's answer to an interrupt: `stopped` (DMP 4003) or nothing to stop (4004). */
  | { kind: 'interrupt-result'; stopped: boolean; message: string; turnId?: string; code?: number }
  /** `code` is the protocol's own (a number, a name like `AGENT_NOT_FOUND`, or null); `fix` the server's advice. */
  | {
      kind: 'error'
      message: string
      code: number | string | null
      turnId?: string
      fix?: string
      /** Mira's words for the code, for the user (the server's own words are `message`). */
      text?: HostText & { textCode: string }
      /** The server refused a message for now (rate limit): it is sent again after this long. */
      retryAfterMs?: number
    }
  | { kind: 'notice'; level: 'info' | 'warning'; text: HostText & { textCode: string } }
  | { kind: 'backgrounds'; files: string[] }
  | { kind: 'avatar-configs'; configs: { filename: string; name?: string }[] }
  /** `modelInfo` in the Live2D model-dictionary shape (see shared/protocol `modelInfoSchema`). */
  | { kind: 'avatar-model'; modelInfo: Record<string, unknown>; confName?: string; confUid?: string; clientUid?: string }
  | { kind: 'avatar-switched'; file?: string }
  /** Tolerated and logged, never shown (a frame type Mira has no use for). */
  | { kind: 'ignored'; what: string }

export type ProtocolEventOf<K extends ProtocolEvent['kind']> = Extract<ProtocolEvent, { kind: K }>

/** The half of an adapter the session uses. */
export interface SessionProtocol<In, Out> {
  readonly capabilities: ProtocolCapabilities
  readonly limits: ProtocolLimits
  /** `undefined` when the protocol has no such thing (the session then makes up for it or refuses). */
  encode(intent: Intent): Encoded<Out> | undefined
  decode(frame: In): ProtocolEvent[]
  /** The frame's type as the protocol names it, for notices and logs (`stream_token`, `chunk`). */
  describe(frame: In): string
}

export interface ServerProtocol<In = unknown, Out = unknown> extends WireProtocol<In, Out>, SessionProtocol<In, Out> {}
