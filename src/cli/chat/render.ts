/** How `mira chat` shows a turn: readable text (answer on stdout, tools on stderr) or JSON lines. */
import type { TextSink } from '../io'
import type { ChatEvent } from './events'
import { terminalSafe } from './terminal-safe'

export interface ChatRenderer {
  onEvent(event: ChatEvent): void
}

/** JSON lines on stdout, one per event, nothing else (exact: JSON escapes every control character). */
export function jsonRenderer(stdout: TextSink): ChatRenderer {
  return { onEvent: (event) => stdout.write(`${JSON.stringify(event)}\n`) }
}

const MAX_TOOL_TEXT = 300

/** A decoded tool argument or result as one short line. */
export function compactText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  const line = terminalSafe(text.replace(/\s*[\r\n]+\s*/g, ' '))
  return line.length > MAX_TOOL_TEXT ? `${line.slice(0, MAX_TOOL_TEXT - 1)}…` : line
}

/**
 * Tokens go to stdout as they come, then one final newline. `stream_end.content` is authoritative,
 * but text already on a terminal cannot be taken back: it is printed only when nothing streamed.
 * The server's text is written without its control characters (terminal-safe.ts). Only the last
 * character printed is kept: an endless answer must not grow this process.
 */
export function textRenderer(stdout: TextSink, stderr: TextSink): ChatRenderer {
  let last: string | undefined
  const print = (text: string) => {
    const safe = terminalSafe(text)
    if (!safe) return
    last = safe.at(-1)
    stdout.write(safe)
  }
  const endLine = () => {
    if (last !== undefined && last !== '\n') stdout.write('\n')
  }
  return {
    onEvent(event) {
      switch (event.event) {
        case 'token':
          return print(event.chunk)
        case 'tool_call':
          stderr.write(`⚙ ${terminalSafe(event.tool_name)}(${compactText(event.args)})\n`)
          return
        case 'tool_result':
          stderr.write(`→ ${compactText(event.result)}\n`)
          return
        case 'end':
          if (last === undefined) print(event.content)
          return endLine()
        case 'error':
          // A cut-off answer still ends its line, so the error line stands apart.
          return endLine()
        default:
          return
      }
    },
  }
}
