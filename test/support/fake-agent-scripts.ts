/**
 * The answer scripts of the fake agent server: what one `chat_message` makes the server send.
 * A script is a list (or async iterable) of steps; the server wraps it in `stream_start` …
 * `stream_end` itself. See fake-agent-server.ts for the server.
 */

/** The `chat_message` as the client sent it (already checked for agent_id / user_id). */
export interface ChatMessageIn extends Record<string, unknown> {
  type: 'chat_message'
  content: string
  agent_id: string
  user_id: string
}

export interface AnswerContext {
  turnId: string
  conversationId: string
  /** Index of the connection (0-based, in accept order). */
  connection: number
  /** Aborted when the turn is interrupted or the connection closes. */
  signal: AbortSignal
}

/**
 * One step of an answer. Frames get `"id": null, "timestamp": null` added, like the real server.
 * - `frame`: any frame, sent as given (plus the null envelope).
 * - `raw`: bytes sent verbatim (malformed JSON, binary frames …).
 * - `delayMs`: wait (cut short by an interrupt).
 * - `tokens`: one `stream_token` per chunk (no `turn_id`, like the real server), `delayMs` between them.
 * - `tts`: a `tts_ready_chunk` (`emotion` null unless given).
 * - `tool`: a `tool_call` then a `tool_result`, with `args` / `result` JSON-encoded as strings.
 * - `end`: send `stream_end` now (`content` overrides the streamed text); no automatic one follows.
 * - `fail`: an `error` frame carrying the turn's `turn_id`; the turn ends without `stream_end`.
 * - `close` / `drop` / `halfOpen`: close with a code, terminate abruptly (client sees 1006), or go
 *   silent on this connection (a dead TCP peer).
 * - `hang`: stay in the turn until interrupted or disconnected (no `stream_end`).
 */
export type FakeStep =
  | { frame: Record<string, unknown> }
  | { raw: string | Buffer; binary?: boolean }
  | { delayMs: number }
  | { tokens: string[]; delayMs?: number; node?: string | null }
  | { tts: string; emotion?: string | null }
  | { tool: string; args: unknown; result: unknown; node?: string | null; delayMs?: number }
  | { end: true | { content?: string } }
  | { fail: string; code?: number | null }
  | { close: number; reason?: string }
  | { drop: true }
  | { halfOpen: true }
  | { hang: true }

export type AnswerScript = (
  message: ChatMessageIn,
  ctx: AnswerContext,
) => Iterable<FakeStep> | AsyncIterable<FakeStep> | Promise<Iterable<FakeStep>>

/** Splits text into word tokens that join back to the same text ("a b." → ["a ", "b."]). */
export function wordTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? []
}

/**
 * Streams `text` word by word, with a `tts_ready_chunk` after each finished sentence (and for the
 * rest at the end), the way the real server interleaves them.
 */
export function speak(text: string, options: { delayMs?: number; emotion?: string | null } = {}): FakeStep[] {
  const steps: FakeStep[] = []
  let sentence = ''
  for (const token of wordTokens(text)) {
    steps.push({ tokens: [token], delayMs: options.delayMs })
    sentence += token
    if (/[.!?]\s*$/.test(token)) {
      steps.push({ tts: sentence.trim(), emotion: options.emotion ?? null })
      sentence = ''
    }
  }
  if (sentence.trim()) steps.push({ tts: sentence.trim(), emotion: options.emotion ?? null })
  return steps
}

/** The default answer: "You said: <content>" spoken word by word. */
export const echoAnswer: AnswerScript = (message) => speak(`You said: ${message.content}`)

/** The text `longAnswer(n)` streams: tokens `w0 `, `w1 ` … `w<n-1> `. */
export function longAnswerText(n: number): string {
  return Array.from({ length: n }, (_, i) => `w${i} `).join('')
}

/** An answer of `n` stream_token frames (default 10 000) sent back to back, a tts chunk every 500. */
export function longAnswer(n = 10_000): AnswerScript {
  return () => {
    const steps: FakeStep[] = []
    for (let start = 0; start < n; start += 500) {
      const tokens = Array.from({ length: Math.min(500, n - start) }, (_, i) => `w${start + i} `)
      steps.push({ tokens }, { tts: tokens.join('').trim() })
    }
    return steps
  }
}

/**
 * A server gone wrong: `chunk` as one `stream_token` after another, never a `stream_end`, until the
 * turn is interrupted or the connection closes. Yields to the event loop between tokens so the
 * client's `interrupt_stream` is read. Past `ceiling` characters (a backstop, so a client without
 * a cap fails its test instead of exhausting the test run) it hangs. `sent.chars` counts what went out.
 */
export function endlessAnswer(chunk: string, options: { ceiling: number; sent?: { chars: number } }): AnswerScript {
  const sent = options.sent ?? { chars: 0 }
  return async function* (_message, ctx) {
    while (!ctx.signal.aborted && sent.chars < options.ceiling) {
      sent.chars += chunk.length
      yield { tokens: [chunk] }
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    yield { hang: true }
  }
}
