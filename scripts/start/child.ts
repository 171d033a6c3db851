/** Running the build, the installer and the app as child processes. */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** The exit code a shell would report: the child's own, or 128 + the signal that killed it. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1
}

/**
 * Runs a child with our terminal and resolves with its exit code. Stop signals sent to us are
 * passed on, so Ctrl-C or a `kill` of `npm start` stops the app, not just the launcher.
 */
export function runInherited(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'inherit' })
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal)
    }
    for (const signal of STOP_SIGNALS) process.on(signal, forward)
    const done = (code: number): void => {
      for (const signal of STOP_SIGNALS) process.off(signal, forward)
      resolve(code)
    }
    child.once('error', (error) => {
      process.stderr.write(`Could not run ${command}: ${error.message}\n`)
      done(127)
    })
    child.once('exit', (code, signal) => done(exitCodeOf(code, signal)))
  })
}

export interface Captured {
  code: number
  output: string
  timedOut: boolean
}

/** Runs a child quietly, keeping its output (stdout and stderr together) for when it fails. */
export function runCaptured(command: string, args: string[], options: { cwd: string; timeoutMs?: number }): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    let timedOut = false
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, options.timeoutMs)
      : undefined
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal)
    }
    for (const signal of STOP_SIGNALS) process.on(signal, forward)
    const finish = (code: number, extra = ''): void => {
      if (timer) clearTimeout(timer)
      for (const signal of STOP_SIGNALS) process.off(signal, forward)
      resolve({ code, output: Buffer.concat(chunks).toString('utf8') + extra, timedOut })
    }
    child.once('error', (error) => finish(127, `${error.message}\n`))
    child.once('close', (code, signal) => finish(exitCodeOf(code, signal)))
  })
}
