/** A `CliIo` that keeps what `main` prints, for in-process runs of the CLI. */
import { Readable } from 'node:stream'
import type { CliIo } from '../../src/cli/io'
import { tempDir } from './cli-process'

export type MemoryIo = CliIo & { out: string; err: string; errLines: () => string[] }

/** Its data dir is a fresh temp dir unless `env` names one: a test never reads the user's settings. */
export function memoryIo(options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): MemoryIo {
  const io: MemoryIo = {
    out: '',
    err: '',
    errLines: () => io.err.split('\n').filter((l) => l.trim() !== ''),
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: { MIRA_DATA_DIR: tempDir(), ...options.env },
    platform: 'linux',
    home: '/nonexistent-home',
    cwd: '/',
    onStopSignal: () => () => {},
  }
  return io
}
