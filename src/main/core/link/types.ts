/**
 * The public face of the connection core's transport (`ChatLink`): one WebSocket to the agent
 * server, its handshake / heartbeat / watchdog / reconnect life, and typed frames out. The frames
 * are the protocol adapter's (protocols/types.ts); `/v1/chat/stream`'s by default.
 * Higher layers (the chat session, the CLI) depend on this interface, not on the class.
 */
import type { LinkStatus } from '../../../shared/host/link-status'
import type { RawData } from 'ws'
import type { BadFrame, ClientFrameInput, ServerFrame } from '../../../shared/protocol'
import type { ProtocolCredentials, ServerProtocol } from '../protocols/types'

/** The part of a `ws` WebSocket the link uses; a `ws` client socket satisfies it. */
export interface LinkSocket {
  readonly readyState: number
  send(data: string): void
  close(code?: number): void
  terminate(): void
  on(event: 'open', listener: () => void): unknown
  on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'close', listener: (code: number, reason: Buffer) => void): unknown
  once(event: 'close', listener: (code: number, reason: Buffer) => void): unknown
}

export interface BackoffOptions {
  /** First delay (ms). Default 250. */
  initialMs: number
  /** Cap (ms). Default 30 000. */
  maxMs: number
  /** Growth per attempt. Default 2. */
  factor: number
  /** 0..1: the share of each delay that is randomized ("full jitter" on that share). Default 0.5. */
  jitter: number
}

export interface ChatLinkOptions<In = ServerFrame, Out = ClientFrameInput> {
  /** The chat WebSocket URL (already normalized). */
  url: string
  /** The token (DMP `authorize`, General Bots `?token=`); read at every (re)connection so a changed token applies. */
  getToken: () => string | undefined
  /** The protocol's other credentials, read at every (re)connection. */
  getCredentials?: () => ProtocolCredentials
  /** Default: `/v1/chat/stream` (protocols/dmp.ts). */
  protocol?: ServerProtocol<In, Out>
  serverKind?: LinkStatus['serverKind']
  /** No frame at all for this long → the link is dead; reconnect. Default 75 000. */
  silenceTimeoutMs?: number
  /** How long `authorizing` may last before the attempt counts as failed. Default 10 000. */
  authorizeTimeoutMs?: number
  /** How long opening the socket may take. Default 10 000. */
  connectTimeoutMs?: number
  /** Default: by server (`backoffFor`): ≤ 500 ms between tries to a loopback server, 250 ms → 30 s to others. */
  backoff?: Partial<BackoffOptions>
  /** Reconnect automatically after a loss. Default true (the CLI turns it off). */
  autoReconnect?: boolean
  /** For tests: randomness for jitter (0..1). */
  random?: () => number
  /** For the bench and tests: opens the socket instead of `ws` (may throw on a bad URL, like `ws`). */
  createSocket?: (url: string, headers?: Record<string, string>) => LinkSocket
}

export interface ChatLinkEvents<In = ServerFrame> extends Record<string, unknown> {
  status: LinkStatus
  /** A valid frame from the server, after the adapter's link business (ping, handshake) was done. */
  frame: In
  /** A frame that failed parsing: reported, never thrown. */
  'bad-frame': BadFrame
  /** The socket closed or was given up (watchdog, timeout); `code` is the close code when known. */
  lost: { code?: number; reason: string }
}

export interface ChatLinkLike<In = ServerFrame, Out = ClientFrameInput> {
  readonly status: LinkStatus
  on<K extends keyof ChatLinkEvents<In>>(event: K, listener: (payload: ChatLinkEvents<In>[K]) => void): () => void
  /** Starts connecting (no-op when already started). */
  start(): void
  /** Closes and stops retrying; state becomes `offline`. */
  stop(): Promise<void>
  /** Connects now: skips the backoff wait, leaves `auth-failed`, or replaces a link suspected dead (network change, wake). */
  retryNow(reason?: string): void
  /** Sends when `ready`; returns false (and sends nothing) otherwise. Handshake and heartbeat frames are the link's own business. */
  send(frame: Out): boolean
}
