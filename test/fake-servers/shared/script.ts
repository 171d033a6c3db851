/**
 * Answer scripts shared by the protocol fakes: a test says what one chat message makes the server
 * do in protocol-neutral steps, and each fake turns them into its own frames (a `TurnWriter`).
 * So one script ("say this, call that tool, then drop") runs against every protocol.
 */
import type { FakeSocket, Json } from './fake-hub'

/** The chat message as the fake understood it. */
export interface ChatIn {
  text: string
  /** The frame as the client sent it. */
  frame: Json
  /** The conversation it belongs to: SYMindX conversationId, Dexto sessionId, General Bots session_id, Lexicon chat_id. */
  conversation: string
  /** Earlier turns of that conversation on this server (cleared by Dexto `reset`). */
  history: readonly { role: 'user' | 'assistant'; content: string }[]
  connection: number
}

/**
 * One step of an answer.
 * - `say`: the text as word tokens (streamed where the protocol streams, else gathered into the whole answer).
 * - `tokens`: these chunks, as given. `delayMs` waits between chunks (cut short when the socket ends).
 * - `tool`: a tool call and its result (Dexto, General Bots; the others have no tool frames and throw).
 * - `emotion`: SYMindX only: an `emotion_change` event now, and the `emotion` of its `chat_response`.
 * - `fail`: the protocol's error frame with this code; the answer ends there.
 * - `end`: finish now; `content` replaces the authoritative text (to test that the client takes it).
 * - `frame` / `raw`: sent as given (test frames; malformed JSON, binary…).
 * - `delayMs`, `drop` (terminate: 1006), `close` (clean close with a code), `halfOpen` (go silent),
 *   `hang` (never finish).
 */
export type FakeStep =
  | { say: string; delayMs?: number }
  | { tokens: string[]; delayMs?: number }
  | { tool: string; args: Json; result: unknown; delayMs?: number }
  | { emotion: string; intensity?: number }
  | { fail: string; message?: string }
  | { end: true | { content: string } }
  | { frame: Json }
  | { raw: string | Buffer }
  | { delayMs: number }
  | { drop: true }
  | { close: number; reason?: string }
  | { halfOpen: true }
  | { hang: true }

export type AnswerScript = (
  message: ChatIn,
  signal: AbortSignal,
) => Iterable<FakeStep> | AsyncIterable<FakeStep> | Promise<Iterable<FakeStep>>

/** How a protocol writes one answer. `begin` is sent before the first step. */
export interface TurnWriter {
  readonly protocol: string
  begin(): void
  token(chunk: string): void
  toolCall?(name: string, args: Json): void
  toolResult?(name: string, result: unknown): void
  emotion?(name: string, intensity: number): void
  fail(code: string, message: string): void
  /** The answer is complete; `content` is the authoritative text. */
  end(content: string): void
}

/** Splits text into word tokens that join back to the same text ("a b." → ["a ", "b."]). */
export function wordTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? []
}

/** The default answer: "You said: <text>". */
export const echoAnswer: AnswerScript = (message) => [{ say: `You said: ${message.text}` }]

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}

/**
 * Runs `script` for one message on `socket` through `writer`. A script that throws, or asks for a
 * step the protocol cannot express (a tool on Lexicon), ends the turn with the protocol's error
 * frame coded FAKE_SCRIPT_ERROR, so the test that asked for it fails loudly instead of passing quietly.
 * The turn stops when `signal` aborts: by default when the asking socket ends.
 */
export async function runTurn(
  script: AnswerScript,
  message: ChatIn,
  socket: FakeSocket,
  writer: TurnWriter,
  signal: AbortSignal = socket.life.signal,
): Promise<void> {
  try {
    await runSteps(script, message, socket, writer, signal)
  } catch (error) {
    writer.fail('FAKE_SCRIPT_ERROR', error instanceof Error ? error.message : String(error))
  }
}

async function runSteps(script: AnswerScript, message: ChatIn, socket: FakeSocket, writer: TurnWriter, signal: AbortSignal): Promise<void> {
  let content = ''
  writer.begin()
  for await (const step of await script(message, signal)) {
    if (signal.aborted) return
    if ('say' in step || 'tokens' in step) {
      const chunks = 'say' in step ? wordTokens(step.say) : step.tokens
      for (const [i, chunk] of chunks.entries()) {
        if (i > 0 && step.delayMs) await sleep(step.delayMs, signal)
        if (signal.aborted) return
        content += chunk
        writer.token(chunk)
      }
    } else if ('tool' in step) {
      if (!writer.toolCall || !writer.toolResult) throw new Error(`${writer.protocol} has no tool frames`)
      writer.toolCall(step.tool, step.args)
      if (step.delayMs) await sleep(step.delayMs, signal)
      if (signal.aborted) return
      writer.toolResult(step.tool, step.result)
    } else if ('emotion' in step) {
      if (!writer.emotion) throw new Error(`${writer.protocol} has no emotion frames`)
      writer.emotion(step.emotion, step.intensity ?? 0.8)
    } else if ('fail' in step) {
      return writer.fail(step.fail, step.message ?? `Scripted failure ${step.fail}`)
    } else if ('end' in step) {
      return writer.end(step.end === true ? content : step.end.content)
    } else if ('frame' in step) socket.send(step.frame)
    else if ('raw' in step) socket.sendRaw(step.raw)
    else if ('drop' in step) socket.ws.terminate()
    else if ('close' in step) socket.ws.close(step.close, step.reason)
    else if ('halfOpen' in step) socket.mute()
    else if ('hang' in step) await sleep(2 ** 31 - 1, signal)
    else if ('delayMs' in step) await sleep(step.delayMs, signal)
    if ('drop' in step || 'close' in step || 'halfOpen' in step || 'hang' in step) return
  }
  if (signal.aborted) return
  writer.end(content)
}
