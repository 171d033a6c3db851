/** What a command may touch of the process: streams, environment, signals. Tests can pass their own. */
import { homedir } from 'node:os'

export interface TextSink {
  write(text: string): unknown
  readonly isTTY?: boolean
}

export type StopSignal = 'SIGINT' | 'SIGTERM'

export interface CliIo {
  stdout: TextSink
  stderr: TextSink
  stdin: NodeJS.ReadableStream
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  home: string
  cwd: string
  /** Calls `handler` on SIGINT/SIGTERM (instead of the default exit) until the returned function runs. */
  onStopSignal(handler: (signal: StopSignal) => void): () => void
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    platform: process.platform,
    home: homedir(),
    cwd: process.cwd(),
    onStopSignal(handler) {
      const signals: StopSignal[] = ['SIGINT', 'SIGTERM']
      for (const signal of signals) process.on(signal, handler)
      return () => {
        for (const signal of signals) process.off(signal, handler)
      }
    },
  }
}

/** Writes `mira: <line>` to stderr: the one line that says why a run failed. */
export function complain(io: CliIo, line: string): void {
  io.stderr.write(`mira: ${line}\n`)
}

/** Resolves on the first SIGINT/SIGTERM; `dispose` restores the default handling. */
export function stopSignal(io: CliIo): { received: Promise<StopSignal>; dispose: () => void } {
  let dispose = () => {}
  const received = new Promise<StopSignal>((resolve) => {
    dispose = io.onStopSignal(resolve)
  })
  return { received, dispose }
}
