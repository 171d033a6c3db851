/** Wall time of a child process: until it exits, or until its stdout shows a line (then it is stopped). */
import { spawn } from 'node:child_process'

export interface ProcessRun {
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
  /** Stop timing (and the process) once stdout matches. */
  until?: RegExp
}

const LIMIT_MS = 120_000

export function timeProcess(run: ProcessRun): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6
    const child = spawn(run.command, run.args, { env: run.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let result: number | undefined
    const limit = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS)
    child.stdout.on('data', (chunk: Buffer) => {
      if (!run.until || result !== undefined) return
      stdout += chunk.toString('utf8')
      if (run.until.test(stdout)) {
        result = elapsed()
        child.kill('SIGTERM')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)))
    child.once('close', (code) => {
      clearTimeout(limit)
      if (result !== undefined) return resolve(result)
      if (code === 0 && !run.until) return resolve(elapsed())
      reject(new Error(`${[run.command, ...run.args].join(' ')} failed (exit ${code}): ${stderr.trim()}`))
    })
  })
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Runs the variants round-robin (`warmup` rounds not counted) and returns each one's median time in ms. */
export async function interleaved(variants: ProcessRun[], rounds: number, warmup = 1): Promise<number[]> {
  const samples = variants.map(() => [] as number[])
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [i, variant] of variants.entries()) {
      const ms = await timeProcess(variant)
      if (round >= warmup) samples[i]?.push(ms)
    }
  }
  return samples.map(median)
}
