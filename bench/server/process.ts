/** Starts bench/server/host.ts as a child process and stops it again (bounded: it is killed if it hangs). */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { hostMessageSchema, STOP } from './ipc'

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url))
const HOST = fileURLToPath(new URL('./host.ts', import.meta.url))
const START_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 8_000

export interface ServerProcess {
  url: string
  restBase: string
  stop(): Promise<void>
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

export async function startServerProcess(): Promise<ServerProcess> {
  const child = fork(RUN_TS, [HOST], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const stop = async (): Promise<void> => {
    if (child.connected) child.send(STOP)
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await exited(child)
    clearTimeout(timer)
  }
  try {
    const urls = await new Promise<{ url: string; restBase: string }>((resolve, reject) => {
      const fail = (message: string): void => {
        clearTimeout(timer)
        reject(new Error(message))
      }
      const timer = setTimeout(() => fail(`The bench server did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS)
      child.once('exit', (code) => fail(`The bench server exited (code ${code}) before it was ready`))
      child.once('message', (message) => {
        const parsed = hostMessageSchema.safeParse(message)
        if (!parsed.success) return fail(`The bench server sent an unexpected message: ${JSON.stringify(message)}`)
        if (parsed.data.type === 'failed') return fail(`The bench server did not start: ${parsed.data.error}`)
        clearTimeout(timer)
        resolve(parsed.data)
      })
    })
    return { ...urls, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
