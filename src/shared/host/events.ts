/**
 * Events pushed from the host (main process or web host) to the renderer. They cross the
 * bridge in batches (`HostEvent[]`), so a flood of tokens costs one message per batch.
 */
import { z } from 'zod'
import { linkStatusSchema } from './link-status'
import { outgoingMessageSchema } from './messages'
import { settingsViewSchema } from '../settings'
import { avatarSourceSchema } from '../avatar/source'
import { hostTextCodeSchema, hostTextParamsSchema } from './host-text'
import { whisperModelListSchema } from './stt'

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape })

export const avatarModelSchema = z.object({
  confName: z.string().optional(),
  confUid: z.string().optional(),
  clientUid: z.string().optional(),
  /** The model, described for any renderer (the core converts the server's `model_info`). */
  source: avatarSourceSchema,
})
export type AvatarModel = z.infer<typeof avatarModelSchema>

export const backgroundSchema = z.object({ path: z.string(), url: z.string() })
export type Background = z.infer<typeof backgroundSchema>

export const avatarConfigSchema = z.object({ filename: z.string(), name: z.string() })
export type AvatarConfig = z.infer<typeof avatarConfigSchema>

export const hostEventSchema = z.discriminatedUnion('type', [
  event('link-status', { status: linkStatusSchema }),
  /** A user message was queued or changed state. */
  event('message', { message: outgoingMessageSchema }),
  /** A message left the outbox for good (discarded by the user). */
  event('message-removed', { id: z.string() }),
  event('turn-start', {
    turnId: z.string(),
    conversationKey: z.string(),
    conversationId: z.string().optional(),
    messageId: z.string().optional(),
  }),
  event('turn-token', { turnId: z.string(), chunk: z.string() }),
  event('turn-speech', { turnId: z.string(), chunk: z.string(), emotion: z.string().optional() }),
  /** An expression the server gave outside speech (a SYMindX `emotion_change`, a whole answer's `emotion`). */
  event('turn-emotion', { turnId: z.string(), emotion: z.string() }),
  event('turn-tool-call', { turnId: z.string(), toolName: z.string(), args: z.unknown() }),
  event('turn-tool-result', { turnId: z.string(), toolName: z.string().optional(), result: z.unknown() }),
  /** `content` is authoritative: it replaces what was streamed. */
  event('turn-end', { turnId: z.string(), conversationId: z.string().optional(), content: z.string() }),
  /**
   * The turn stopped early: by the user (`interrupted`), a lost connection (`connection-lost`), or its text
   * passed `MAX_TURN_TEXT` (`too-long`). `content` is what streamed before it stopped (the core's copy, which
   * is the one kept).
   */
  event('turn-interrupted', { turnId: z.string(), reason: z.enum(['interrupted', 'connection-lost', 'too-long']), content: z.string().optional() }),
  /** The server reported an error for a turn or a message. */
  event('turn-error', {
    turnId: z.string().optional(),
    messageId: z.string().optional(),
    /** The protocol's own code: a number (`/v1/chat/stream`), a name (`AGENT_NOT_FOUND`), or null. */
    code: z.union([z.number(), z.string()]).nullable(),
    error: z.string(),
  }),
  /** Something worth telling, not tied to a turn: 4003/4004 notes, bad frames, server errors. */
  event('notice', {
    level: z.enum(['info', 'warning', 'error']),
    code: z.number().nullable().optional(),
    text: z.string(),
    /** What the text says, for the renderer to word it in the reader's language (see host-text.ts). */
    textCode: hostTextCodeSchema.optional(),
    params: hostTextParamsSchema.optional(),
  }),
  event('backgrounds', { backgrounds: z.array(backgroundSchema) }),
  event('avatar-configs', { configs: z.array(avatarConfigSchema) }),
  event('avatar-model', { model: avatarModelSchema }),
  event('avatar-switched', { file: z.string().optional() }),
  event('settings', { view: settingsViewSchema }),
  /** The whisper.cpp models' states changed (download progress, finished, failed). */
  event('whisper-models', { models: whisperModelListSchema }),
  /** The user chose an app command outside the page (tray, application menu). Electron only. */
  event('app-command', { command: z.enum(['new-conversation', 'open-settings']) }),
  /** The system-wide push-to-talk key went down (`press`) or up (`release`), in any app. Electron only. */
  event('push-to-talk', { action: z.enum(['press', 'release']) }),
])
export type HostEvent = z.infer<typeof hostEventSchema>
export type HostEventOf<K extends HostEvent['type']> = Extract<HostEvent, { type: K }>
export const hostEventBatchSchema = z.array(hostEventSchema)
