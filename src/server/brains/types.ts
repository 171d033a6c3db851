/**
 * A brain turns a conversation into a stream of text and tool activity. The protocol endpoint
 * owns frames, turns, chunking and history; a brain only thinks.
 */
import type { ToolRegistry } from '../tools/types'

export interface ChatTurnMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface BrainInput {
  conversationId: string
  /** The short-term-memory window (oldest first), ending with the new user message. */
  messages: ChatTurnMessage[]
  /** The system prompt from `chat_message.persona` or the avatar config. */
  persona?: string
  /** Image URLs or data URLs from `chat_message.images`. */
  images?: string[]
  /** Aborted when the turn is interrupted or the client leaves: stop work and upstream requests at once. */
  signal: AbortSignal
  tools: ToolRegistry
  /** Who is talking, for tools that keep per-user state (notes). */
  userId: string
  agentId: string
}

export type BrainEvent =
  | { type: 'token'; text: string }
  /** The brain runs tools itself; it reports each call and its result. */
  | { type: 'tool_call'; callId: string; name: string; args: unknown }
  | { type: 'tool_result'; callId: string; name: string; result: unknown }

export class BrainError extends Error {
  override name = 'BrainError'
  constructor(
    message: string,
    /** The `error` frame code to report: 500 for upstream failures, 400 for bad input. */
    readonly code: number = 500,
  ) {
    super(message)
  }
}

export interface Brain {
  /** Short id, e.g. `openai`, `demo`. */
  readonly kind: string
  /** One line for logs and `/health`, e.g. `openai-compatible llama3.2 at http://127.0.0.1:11434/v1`. */
  describe(): string
  /** Streams the answer. Throws `BrainError` for failures the user should see. */
  respond(input: BrainInput): AsyncIterable<BrainEvent>
}
