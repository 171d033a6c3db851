/** Runs a recogniser program on a WAV written to a private temporary folder, and gives back its output. */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SttError } from './types'

const OUTPUT_LIMIT = 1_000_000

export interface ProgramRun {
  binary: string
  /** Arguments; `{wav}` is replaced by the audio file's path. */
  args: string[]
  timeoutMs?: number
  signal?: AbortSignal
}

export async function runOnWav(wav: Uint8Array, run: ProgramRun): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mira-stt-'))
  try {
    const file = join(dir, 'speech.wav')
    await writeFile(file, wav, { mode: 0o600 })
    return await runProgram(run.binary, run.args.map((a) => (a === '{wav}' ? file : a)), run.timeoutMs ?? 120_000, run.signal)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function runProgram(binary: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-OUTPUT_LIMIT)))
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString('utf8')).slice(-4_000)))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      if (error.code === 'ENOENT') reject(new SttError('program-missing', `${binary} was not found`, { cause: error }))
      else reject(new SttError('engine-failed', `${binary}: ${error.message}`, { cause: error }))
    })
    child.once('close', (code, killed) => {
      clearTimeout(timer)
      if (code === 0) return resolve(out)
      const tail = err.trim().split('\n').slice(-3).join(' ')
      reject(new SttError('engine-failed', `${binary} ${killed ? `was stopped (${killed})` : `exited with ${code}`}${tail ? `: ${tail}` : ''}`))
    })
  })
}
