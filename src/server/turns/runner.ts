/**
 * One turn on the wire: `stream_start` → `stream_token`s (emotion tags stripped) with
 * `tts_ready_chunk`s interleaved as soon as a sentence is complete → `tool_call` / `tool_result`
 * → `stream_end`. Every `stream_start` gets exactly one `stream_end`, whose `content` is exactly
 * the concatenation of the streamed tokens — after an interrupt or a failure too, when it holds
 * what was streamed so far (text still held back by the tag filter or the chunker is dropped).
 */
import { EmotionTagFilter, SentenceChunker, emotionSet, type SpeechChunk } from '../../shared/speech'
import { ErrorCode } from '../../shared/protocol'
import { BrainError, type Brain, type ChatTurnMessage } from '../brains/types'
import type { SendFrame } from '../endpoint/send-frame'
import { messageOf } from '../../shared/errors'
import type { HistoryStore } from '../history/store'
import type { ToolRegistry } from '../tools/types'
import { abortable } from './abortable'

export interface TurnSpec {
  turnId: string
  conversationId: string
  userId: string
  agentId: string
  /** The STM window followed by the new user message. */
  messages: ChatTurnMessage[]
  persona?: string
  images?: string[]
  /** Emotion words the avatar knows, besides the defaults. */
  emotions: string[]
  signal: AbortSignal
}

export interface TurnDeps {
  brain: Brain
  tools: ToolRegistry
  history: HistoryStore
  send: SendFrame
  log: (line: string) => void
}

/** `tool_call.args` and `tool_result.result` travel as JSON text. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value ?? null) ?? 'null'
  } catch {
    return JSON.stringify(String(value))
  }
}

export async function runTurn(deps: TurnDeps, spec: TurnSpec): Promise<void> {
  const { send, brain } = deps
  const { turnId, conversationId, signal } = spec
  const emotions = emotionSet(spec.emotions)
  const filter = new EmotionTagFilter(emotions)
  const chunker = new SentenceChunker({ emotions: spec.emotions })
  let content = ''
  let failed = false

  const showText = (text: string): void => {
    if (!text) return
    content += text
    send({ type: 'stream_token', chunk: text })
  }
  const speak = (chunks: SpeechChunk[]): void => {
    for (const c of chunks) send({ type: 'tts_ready_chunk', chunk: c.text, emotion: c.emotion })
  }
  const flushText = (): void => {
    showText(filter.flush())
    speak(chunker.flush())
  }

  send({ type: 'stream_start', turn_id: turnId, conversation_id: conversationId })
  try {
    const events = brain.respond({
      conversationId,
      messages: spec.messages,
      ...(spec.persona ? { persona: spec.persona } : {}),
      ...(spec.images?.length ? { images: spec.images } : {}),
      signal,
      tools: deps.tools,
      userId: spec.userId,
      agentId: spec.agentId,
    })
    for await (const event of abortable(events, signal)) {
      if (event.type === 'token') {
        showText(filter.push(event.text))
        speak(chunker.push(event.text))
      } else if (event.type === 'tool_call') {
        // Say what is ready before the tool runs: a slow tool must not stall the voice.
        flushText()
        send({ type: 'tool_call', tool_name: event.name, args: jsonText(event.args) })
      } else {
        send({ type: 'tool_result', result: jsonText(event.result) })
      }
    }
    if (!signal.aborted) flushText()
  } catch (error) {
    if (!signal.aborted) {
      failed = true
      const brainError = error instanceof BrainError
      deps.log(`turn ${turnId}: ${brainError ? '' : 'unexpected '}failure: ${messageOf(error)}`)
      send({
        type: 'error',
        error: brainError ? error.message : `Failed to process message: ${messageOf(error)}`,
        code: brainError ? error.code : ErrorCode.serverFailure,
        turn_id: turnId,
      })
    }
  }
  if (content) {
    void deps.history.appendMessage(conversationId, {
      role: 'assistant',
      content,
      turnId,
      ...(signal.aborted || failed ? { interrupted: true } : {}),
    })
  }
  // A turn acknowledged is on disk: `stream_end` waits for the history (writes are batched, not skipped).
  await deps.history.durable(conversationId)
  send({ type: 'stream_end', turn_id: turnId, conversation_id: conversationId, content })
}
