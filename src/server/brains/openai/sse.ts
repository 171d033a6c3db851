/**
 * Server-sent events, just enough for Chat Completions streams: collects `data:` lines into events
 * (a blank line ends an event), ignores comments and other fields, and accepts \n, \r\n or \r line
 * ends split anywhere across network chunks.
 */
export class SseParser {
  private buffer = ''
  private data: string[] = []

  /** Feeds decoded text; returns the `data` of every event completed by it. */
  push(text: string): string[] {
    this.buffer += text
    const events: string[] = []
    let start = 0
    for (;;) {
      const lf = this.buffer.indexOf('\n', start)
      const cr = this.buffer.indexOf('\r', start)
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf
      if (end === -1) break
      // A \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (end === cr && end === this.buffer.length - 1) break
      const next = end === cr && this.buffer[end + 1] === '\n' ? end + 2 : end + 1
      this.line(this.buffer.slice(start, end), events)
      start = next
    }
    this.buffer = this.buffer.slice(start)
    return events
  }

  /** The stream ended: a last event without its blank line still counts (some servers omit it). */
  end(): string[] {
    const events: string[] = []
    if (this.buffer !== '') this.line(this.buffer.replace(/\r$/, ''), events)
    this.buffer = ''
    this.line('', events)
    return events
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'))
      this.data = []
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    if (field !== 'data') return
    const value = colon === -1 ? '' : line.slice(colon + 1)
    this.data.push(value.startsWith(' ') ? value.slice(1) : value)
  }
}
