/**
 * Standard output that writes what one turn of the event loop printed in one go: a socket read brings
 * hundreds of tokens, and a write for each cost more than all the rest of `mira chat` (a 100k-token answer:
 * 100k writes). What the user sees is the same, as fast. Standard error (tool lines, the closing word) first
 * writes what stdout holds, so the two stay in order on a terminal.
 */
import type { TextSink } from '../io'

export interface CoalescedOutput {
  stdout: TextSink
  stderr: TextSink
  /** Writes what stdout holds now; call before anything else writes to the process's streams. */
  flush(): void
}

export function coalescedOutput(stdout: TextSink, stderr: TextSink): CoalescedOutput {
  let pending = ''
  let scheduled: NodeJS.Immediate | undefined
  const flush = (): void => {
    if (scheduled) clearImmediate(scheduled)
    scheduled = undefined
    if (pending === '') return
    const text = pending
    pending = ''
    stdout.write(text)
  }
  return {
    stdout: {
      isTTY: stdout.isTTY,
      write(text: string) {
        pending += text
        scheduled ??= setImmediate(flush)
        return true
      },
    },
    stderr: {
      isTTY: stderr.isTTY,
      write(text: string) {
        flush()
        return stderr.write(text)
      },
    },
    flush,
  }
}
