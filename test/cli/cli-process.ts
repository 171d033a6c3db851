/**
 * Runs the real `mira` command (`node bin/mira.mjs …`) as a child process, with its own data
 * directory and none of the caller's MIRA_* variables. Every run is bounded: a child still alive
 * after `killAfterMs` is killed and the result says so.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'mira.mjs')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Non-empty stderr lines. */
  errLines: string[]
  killed: boolean
}

export interface CliRun {
  child: ChildProcess
  readonly stdout: string
  readonly stderr: string
  /** Resolves once stdout has a line matching `pattern` (rejects if the process ends first). */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>
  done: Promise<CliResult>
}

export interface CliOptions {
  env?: Record<string, string>
  stdin?: string
  killAfterMs?: number
  dataDir?: string
}

export function tempDir(prefix = 'mira-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function startCli(args: string[], options: CliOptions = {}): CliRun {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MIRA_')) env[key] = value
  Object.assign(env, { MIRA_DATA_DIR: options.dataDir ?? tempDir(), NO_COLOR: '1' }, options.env)
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let killed = false
  const watchers = new Set<() => void>()
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    for (const watcher of [...watchers]) watcher()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  child.stdin.end(options.stdin ?? '')
  const timer = setTimeout(() => {
    killed = true
    child.kill('SIGKILL')
  }, options.killAfterMs ?? 150_000)
  const done = new Promise<CliResult>((resolveDone) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      for (const watcher of [...watchers]) watcher()
      const errLines = stderr.split('\n').filter((l) => l.trim() !== '')
      resolveDone({ code, signal, stdout, stderr, errLines, killed })
    })
  })
  let exited = false
  void done.then(() => (exited = true))
  return {
    child,
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    waitForStdout(pattern) {
      return new Promise((resolveWait, reject) => {
        const check = () => {
          const match = stdout.match(pattern)
          if (match) {
            watchers.delete(check)
            resolveWait(match)
          } else if (exited || child.exitCode !== null || child.signalCode !== null) {
            watchers.delete(check)
            reject(new Error(`mira exited (${killed ? 'killed: still running after the limit' : `code ${child.exitCode}, signal ${child.signalCode}`}) before printing ${pattern}; stdout: ${stdout}; stderr: ${stderr}`))
          }
        }
        watchers.add(check)
        check()
      })
    },
    done,
  }
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done
}

/** A loopback port that was free a moment ago (listen on 0, then close). */
export async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise<void>((r) => server.close(() => r()))
  return port
}
