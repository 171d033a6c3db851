/** What `mira chat` reports while a turn runs; `--json` prints each as one line, as is. */
export type ChatEvent =
  | { event: 'start'; turn_id: string; conversation_id: string | null }
  | { event: 'token'; chunk: string }
  | { event: 'tts'; chunk: string; emotion: string | null }
  | { event: 'tool_call'; tool_name: string; args: unknown }
  | { event: 'tool_result'; result: unknown; tool_name?: string }
  | { event: 'end'; turn_id: string | null; conversation_id: string | null; content: string }
  /** Something worth knowing that does not end the run (an interruption report, a malformed frame). */
  | { event: 'notice'; text: string; code?: number | string }
  /** Why the run failed; always the last event of a failed run. */
  | { event: 'error'; kind: FailureKind; error: string; code?: number | string | null }

export type FailureKind = 'auth' | 'connection' | 'silence' | 'timeout' | 'server' | 'too-long' | 'interrupted'
