/**
 * Every frame of `/v1/chat/stream` as a runtime schema and a TypeScript type.
 * Server frames are parsed leniently, as the real server sends them: `"id": null`,
 * `"timestamp": null`, `null` in optional fields and unknown fields are all accepted.
 */
import { z } from 'zod'

/** An optional field that the real server may also send as `null`; both read as `undefined`. */
const opt = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)

const envelope = { id: z.unknown().optional(), timestamp: z.unknown().optional() }

const serverFrame = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.looseObject({ type: z.literal(type), ...envelope, ...shape })

export const modelInfoSchema = z.looseObject({
  url: opt(z.string()),
  model_path: opt(z.string()),
  name: opt(z.string()),
  kScale: opt(z.number()),
  initialXshift: opt(z.number()),
  initialYshift: opt(z.number()),
  idleMotionGroupName: opt(z.string()),
  emotionMap: opt(z.record(z.string(), z.unknown())),
  expressions: opt(z.unknown()),
  motions: opt(z.unknown()),
})
export type ModelInfo = z.infer<typeof modelInfoSchema>

export const serverFrameSchemas = {
  authorize_success: serverFrame('authorize_success', { connection_id: opt(z.string()) }),
  authorize_error: serverFrame('authorize_error', { error: z.string().nullish().transform((v) => v ?? 'Authentication failed') }),
  ping: serverFrame('ping', {}),
  stream_start: serverFrame('stream_start', { turn_id: z.string(), conversation_id: opt(z.string()) }),
  stream_token: serverFrame('stream_token', { chunk: z.string(), node: opt(z.string()), turn_id: opt(z.string()) }),
  tts_ready_chunk: serverFrame('tts_ready_chunk', { chunk: z.string(), emotion: opt(z.string()), turn_id: opt(z.string()) }),
  tool_call: serverFrame('tool_call', { tool_name: z.string(), args: z.unknown(), node: opt(z.string()) }),
  tool_result: serverFrame('tool_result', { result: z.unknown(), node: opt(z.string()), tool_name: opt(z.string()) }),
  stream_end: serverFrame('stream_end', {
    turn_id: opt(z.string()),
    conversation_id: opt(z.string()),
    content: z.string().nullish().transform((v) => v ?? undefined),
  }),
  error: serverFrame('error', {
    error: z.string().nullish().transform((v) => v ?? 'Unknown server error'),
    code: z.number().int().nullish().transform((v) => v ?? null),
    turn_id: opt(z.string()),
  }),
  background_files: serverFrame('background_files', { files: z.array(z.string()).nullish().transform((v) => v ?? []) }),
  avatar_config_files: serverFrame('avatar_config_files', {
    configs: z
      .array(z.looseObject({ filename: z.string(), name: opt(z.string()) }))
      .nullish()
      .transform((v) => v ?? []),
  }),
  avatar_config_switched: serverFrame('avatar_config_switched', { file: opt(z.string()) }),
  set_model_and_conf: serverFrame('set_model_and_conf', {
    model_info: modelInfoSchema.nullish().transform((v) => v ?? {}),
    conf_name: opt(z.string()),
    conf_uid: opt(z.string()),
    client_uid: opt(z.string()),
  }),
} as const

export type ServerFrameType = keyof typeof serverFrameSchemas
export type ServerFrame = { [K in ServerFrameType]: z.output<(typeof serverFrameSchemas)[K]> }[ServerFrameType]
export type ServerFrameOf<K extends ServerFrameType> = Extract<ServerFrame, { type: K }>
/** What a server frame looks like on the wire (before `null`s are normalized). */
export type ServerFrameInput<K extends ServerFrameType> = z.input<(typeof serverFrameSchemas)[K]>

const nonBlank = z.string().trim().min(1)

export const clientFrameSchemas = {
  authorize: z.looseObject({ type: z.literal('authorize'), token: nonBlank }),
  pong: z.looseObject({ type: z.literal('pong') }),
  chat_message: z.looseObject({
    type: z.literal('chat_message'),
    content: z.string(),
    agent_id: nonBlank,
    user_id: nonBlank,
    conversation_id: opt(z.string()),
    persona: opt(z.string()),
    images: opt(z.array(z.string())),
    limit: opt(z.number().int().positive()),
    metadata: opt(z.record(z.string(), z.unknown())),
  }),
  interrupt_stream: z.looseObject({ type: z.literal('interrupt_stream'), turn_id: opt(z.string()) }),
  fetch_backgrounds: z.looseObject({ type: z.literal('fetch_backgrounds') }),
  fetch_avatar_configs: z.looseObject({ type: z.literal('fetch_avatar_configs') }),
  switch_avatar_config: z.looseObject({ type: z.literal('switch_avatar_config'), file: nonBlank }),
} as const

export type ClientFrameType = keyof typeof clientFrameSchemas
export type ClientFrame = { [K in ClientFrameType]: z.output<(typeof clientFrameSchemas)[K]> }[ClientFrameType]
export type ClientFrameOf<K extends ClientFrameType> = Extract<ClientFrame, { type: K }>
/** A client frame as a sender writes it: optional fields may be left out. */
export type ClientFrameInput = { [K in ClientFrameType]: z.input<(typeof clientFrameSchemas)[K]> }[ClientFrameType]
