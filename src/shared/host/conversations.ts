/**
 * Conversations as the host lists them: the app's own history merged with the server's
 * short-term memory (`/v1/stm/*`) when the server keeps one.
 */
import { z } from 'zod'

/** Where a conversation is known: only in the app's history, only on the server, or both. */
export const conversationSourceSchema = z.enum(['local', 'server', 'both'])
export type ConversationSource = z.infer<typeof conversationSourceSchema>

export const conversationSummarySchema = z.object({
  /** The app's key: pass it to `sendMessage` to continue the conversation. */
  conversationKey: z.string(),
  /** The server's `conversation_id` / `session_id`, once known. */
  conversationId: z.string().optional(),
  title: z.string(),
  /** Epoch ms. */
  createdAt: z.number(),
  updatedAt: z.number(),
  source: conversationSourceSchema,
})
export type ConversationSummary = z.infer<typeof conversationSummarySchema>

/** One past message: the user's text, or the assistant's final answer with the tools it used. */
export const historyMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  at: z.number().optional(),
  /** Names of the tools the answer called, in order. */
  tools: z.array(z.string()).optional(),
  /** The answer was cut off (stopped, or the connection dropped). */
  interrupted: z.boolean().optional(),
})
export type HistoryMessage = z.infer<typeof historyMessageSchema>

/** Whether the server's history could be merged in, and if not, why. */
export const serverHistoryStateSchema = z.enum(['merged', 'unsupported', 'unavailable'])
export type ServerHistoryState = z.infer<typeof serverHistoryStateSchema>

const key = z.string().min(1).max(200)
export const conversationKeyRequestSchema = z.object({ conversationKey: key }).strict()
export const renameConversationRequestSchema = z
  .object({ conversationKey: key, title: z.string().trim().min(1, 'The title is empty').max(200) })
  .strict()
