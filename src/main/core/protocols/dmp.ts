/**
 * `/v1/chat/stream` (shared/protocol/chat-stream.md) as a `ServerProtocol`: authorize as the
 * first frame, the server's pings answered, and frames that already are nearly Mira's events.
 */
import { hostText } from '../../../shared/host/host-text'
import {
  CloseCode,
  decodeJsonText,
  ErrorCode,
  isInformationalErrorCode,
  parseServerFrame,
  type ClientFrameInput,
  type ServerFrame,
} from '../../../shared/protocol'
import { opt } from './fields'
import type { Encoded, Intent, LinkControl, ProtocolEvent, ServerProtocol } from './types'

const PONG: ClientFrameInput = { type: 'pong' }

/** A frame's `turn_id` when it carries one: only some types declare it; a server that adds it elsewhere is believed too. */
function turnIdOf(frame: ServerFrame): { turnId?: string } {
  const turnId = (frame as { turn_id?: unknown }).turn_id
  return typeof turnId === 'string' ? { turnId } : {}
}

export function dmpProtocol(): ServerProtocol<ServerFrame, ClientFrameInput> {
  return {
    kind: 'dmp',
    capabilities: { interrupt: true, history: true, tools: true, speechChunks: true, streaming: true, backgrounds: true, avatars: true },
    limits: {},
    authFailedCloseCodes: [CloseCode.authFailed],

    target: (url) => ({ url }),

    handshake(credentials) {
      // The socket still opened first: a server that is not there reads as unreachable, not as a token problem.
      const token = credentials.token?.trim()
      if (!token) return { kind: 'missing', reason: hostText('No token set: enter the server token in settings', 'linkNoToken') }
      return { kind: 'await', send: [{ type: 'authorize', token }] }
    },

    parse: (raw, isBinary) => parseServerFrame(raw, isBinary),

    control(frame): LinkControl<ClientFrameInput> {
      switch (frame.type) {
        case 'ping':
          return { kind: 'reply', frame: PONG }
        case 'authorize_success':
          return frame.connection_id === undefined ? { kind: 'ready' } : { kind: 'ready', connectionId: frame.connection_id }
        case 'authorize_error':
          return { kind: 'refused', reason: hostText(`The server refused the token: ${frame.error}`, 'linkTokenRefused', { error: frame.error }) }
        default:
          return { kind: 'pass' }
      }
    },

    isLinkFrame: (frame) => frame.type === 'authorize' || frame.type === 'pong',
    serialize: (frame) => JSON.stringify(frame),
    describe: (frame) => frame.type,

    encode(intent: Intent): Encoded<ClientFrameInput> | undefined {
      switch (intent.kind) {
        case 'send': {
          const { agentId, userId, persona, limit } = intent.identity
          // Keys left `undefined` are not serialized: a new conversation has no conversation_id at all.
          const frame: ClientFrameInput = {
            type: 'chat_message',
            content: intent.text,
            agent_id: agentId,
            user_id: userId,
            conversation_id: intent.conversationId,
            persona: persona || undefined,
            images: intent.images?.length ? intent.images : undefined,
            limit,
          }
          return intent.conversationId === undefined ? { frames: [frame] } : { frames: [frame], conversationId: intent.conversationId }
        }
        case 'interrupt':
          return { frames: [{ type: 'interrupt_stream', turn_id: intent.turnId }] }
        case 'new-conversation':
          // A message without conversation_id starts one.
          return { frames: [] }
        case 'fetch-backgrounds':
          return { frames: [{ type: 'fetch_backgrounds' }] }
        case 'fetch-avatar-configs':
          return { frames: [{ type: 'fetch_avatar_configs' }] }
        case 'switch-avatar-config':
          return { frames: [{ type: 'switch_avatar_config', file: intent.file }] }
      }
    },

    decode(frame): ProtocolEvent[] {
      switch (frame.type) {
        case 'stream_start':
          return [{ kind: 'turn-start', turnId: frame.turn_id, ...opt('conversationId', frame.conversation_id) }]
        case 'stream_token':
          return [{ kind: 'token', chunk: frame.chunk, ...turnIdOf(frame) }]
        case 'tts_ready_chunk':
          return [{ kind: 'speech', chunk: frame.chunk, ...opt('emotion', frame.emotion), ...turnIdOf(frame) }]
        case 'tool_call':
          return [{ kind: 'tool-call', toolName: frame.tool_name, args: decodeJsonText(frame.args), ...turnIdOf(frame) }]
        case 'tool_result':
          return [{ kind: 'tool-result', ...opt('toolName', frame.tool_name), result: decodeJsonText(frame.result), ...turnIdOf(frame) }]
        case 'stream_end':
          return [{ kind: 'turn-end', ...turnIdOf(frame), ...opt('conversationId', frame.conversation_id), ...opt('content', frame.content) }]
        case 'error':
          if (isInformationalErrorCode(frame.code)) {
            const stopped = frame.code === ErrorCode.interrupted
            return [{ kind: 'interrupt-result', stopped, message: frame.error, code: frame.code as number, ...turnIdOf(frame) }]
          }
          return [{ kind: 'error', message: frame.error, code: frame.code, ...turnIdOf(frame) }]
        case 'background_files':
          return [{ kind: 'backgrounds', files: frame.files }]
        case 'avatar_config_files':
          return [{ kind: 'avatar-configs', configs: frame.configs.map((c) => ({ filename: c.filename, ...opt('name', c.name) })) }]
        case 'set_model_and_conf':
          return [
            {
              kind: 'avatar-model',
              modelInfo: frame.model_info,
              ...opt('confName', frame.conf_name),
              ...opt('confUid', frame.conf_uid),
              ...opt('clientUid', frame.client_uid),
            },
          ]
        case 'avatar_config_switched':
          return [{ kind: 'avatar-switched', ...opt('file', frame.file) }]
        case 'authorize_success':
        case 'authorize_error':
        case 'ping':
          return [] // the link's own business
      }
    },
  }
}

