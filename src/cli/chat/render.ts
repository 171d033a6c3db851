/** How `mira chat` shows a turn: readable text (answer on stdout, tools on stderr) or JSON lines. */
import type { TextSink } from '../io'
import type { ChatEvent } from './events'

export interface ChatRenderer {
  onEvent(event: ChatEvent): void
}

/** JSON lines on stdout, one per event, nothing else. */
export function jsonRenderer(stdout: TextSink): ChatRenderer {
  return { onEvent: (event) => stdout.write(`${JSON.stringify(event)}\n`) }
}

const MAX_TOOL_TEXT = 300

/** A decoded tool argument or result as one short line. */
export function compactText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ')
  return line.length > MAX_TOOL_TEXT ? `${line.slice(0, MAX_TOOL_TEXT - 1)}…` : line
}

/**
 * Tokens go to stdout as they come, then one final newline. `stream_end.content` is authoritative,
 * but text already on a terminal cannot be taken back: it is printed only when nothing streamed.
 */
export function textRenderer(stdout: TextSink, stderr: TextSink): ChatRenderer {
  let printed = ''
  const print = (text: string) => {
    if (!text) return
    printed += text
    stdout.write(text)
  }
  return {
    onEvent(event) {
      switch (event.event) {
        case 'token':
          return print(event.chunk)
        case 'tool_call':
          stderr.write(`⚙ ${event.tool_name}(${compactText(event.args)})\n`)
          return
        case 'tool_result':
          stderr.write(`→ ${compactText(event.result)}\n`)
          return
        case 'end':
          if (printed === '') print(event.content)
          if (printed !== '' && !printed.endsWith('\n')) stdout.write('\n')
          return
        case 'error':
          // A cut-off answer still ends its line, so the error line stands apart.
          if (printed !== '' && !printed.endsWith('\n')) stdout.write('\n')
          return
        default:
          return
      }
    },
  }
}
