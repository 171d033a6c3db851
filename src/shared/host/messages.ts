import { z } from 'zod'
import { hostTextCodeSchema, hostTextParamsSchema } from './host-text'

/**
 * A user message and its delivery, owned by the outbox (the single owner of "sent or not").
 * queued → sending → sent → answered; or → interrupted (cut off; the user may retry) / failed
 * (the server rejected it). A message is written to the socket at most once per attempt, and
 * never re-sent unless the user asks.
 */
export const messageStateSchema = z.enum(['queued', 'sending', 'sent', 'answered', 'interrupted', 'failed'])
export type MessageState = z.infer<typeof messageStateSchema>

export const outgoingMessageSchema = z.object({
  id: z.string(),
  /** The app's own conversation key; the server's `conversation_id` is mapped to it. */
  conversationKey: z.string(),
  text: z.string(),
  images: z.array(z.string()).optional(),
  createdAt: z.number(),
  state: messageStateSchema,
  /** The server turn answering this message, once `stream_start` arrived. */
  turnId: z.string().optional(),
  /** Why the message is interrupted or failed. */
  reason: z.string().optional(),
  /** What the reason says, for the renderer to word it in the reader's language (see host-text.ts). */
  reasonCode: hostTextCodeSchema.optional(),
  reasonParams: hostTextParamsSchema.optional(),
})
export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>
