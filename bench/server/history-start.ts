/**
 * What the history costs the companion's start: two data folders, one with 1 conversation and
 * one with `MANY` conversations, each of `TURNS` turns (a user message and an answer), written as
 * history files of the first layout (no index: the first start of each is a migration). The
 * companion is then started in a child process on each, alternately, and its start time and
 * memory (RSS and JS heap after a full GC) are read; the 1-conversation folder is the baseline.
 */
import { fork } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchRow } from '../harness'
import { startReportSchema, type StartFigure } from './history-ipc'
import { median } from './stats'

export const MANY = 200
export const TURNS = 500
const ROUNDS = 5
const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url))
const HOST = fileURLToPath(new URL('./history-host.ts', import.meta.url))
const RUN_TIMEOUT_MS = 120_000
const MiB = 1024 * 1024
/** About a short paragraph: 500 turns make a long conversation (~350 KB on disk). */
const SENTENCE = 'This line stands for one message of a long conversation, about a short paragraph of text in all. '

function conversationFile(id: string): string {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString()
  const lines = [JSON.stringify({ kind: 'session', session_id: id, user_id: 'bench', agent_id: 'mira', created_at: at, metadata: { title: `Conversation ${id}` } })]
  for (let turn = 0; turn < TURNS; turn++) {
    lines.push(JSON.stringify({ kind: 'message', role: 'user', content: `Question ${turn}? ${SENTENCE}`, at }))
    lines.push(JSON.stringify({ kind: 'message', role: 'assistant', content: `Answer ${turn}. ${SENTENCE.repeat(2)}`, at }))
  }
  return `${lines.join('\n')}\n`
}

async function dataDirWith(conversations: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `mira-bench-history-${conversations}-`))
  await mkdir(join(root, 'history'))
  for (let i = 0; i < conversations; i++) {
    const id = `bench-${String(i).padStart(4, '0')}`
    await writeFile(join(root, 'history', `${id}.jsonl`), conversationFile(id))
  }
  return root
}

/** Starts the companion once on `dataDir` in a child process and returns what it measured. */
function startOnce(dataDir: string): Promise<StartFigure> {
  const child = fork(RUN_TS, [HOST, dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise<StartFigure>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the companion did not start on ${dataDir} within ${RUN_TIMEOUT_MS / 1000} s`))
    }, RUN_TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the companion exited (code ${code}) before reporting`))
    })
    child.once('message', (message) => {
      clearTimeout(timer)
      const parsed = startReportSchema.safeParse(message)
      if (!parsed.success) return reject(new Error(`unexpected report: ${JSON.stringify(message)}`))
      if ('error' in parsed.data) return reject(new Error(`the companion did not start: ${parsed.data.error}`))
      resolve(parsed.data)
    })
  })
}

export interface HistoryStartFigures {
  rows: BenchRow[]
  notes: string[]
}

export async function measureHistoryStart(): Promise<HistoryStartFigures> {
  const one = await dataDirWith(1)
  const many = await dataDirWith(MANY)
  try {
    // The first start of each folder: a migration for the many (and painting the backgrounds for both).
    const firstOne = await startOnce(one)
    const firstMany = await startOnce(many)
    const samples = { one: [] as StartFigure[], many: [] as StartFigure[] }
    for (let round = 0; round < ROUNDS; round++) {
      samples.one.push(await startOnce(one))
      samples.many.push(await startOnce(many))
    }
    const pick = (figures: StartFigure[], key: keyof StartFigure): number => median(figures.map((f) => f[key]))
    const label = (n: number) => `${n} conversation${n === 1 ? '' : 's'} × ${TURNS} turns`
    const rows: BenchRow[] = []
    for (const [key, what, unit, scale] of [
      ['startMs', 'start', 'ms', 1],
      ['rss', 'RSS after start', 'MiB', MiB],
      ['heapUsed', 'JS heap after start', 'MiB', MiB],
    ] as const) {
      const base = pick(samples.one, key) / scale
      const value = pick(samples.many, key) / scale
      rows.push({ label: `history: ${what}, ${label(1)} (baseline)`, value: base, unit, ratio: 1 })
      rows.push({ label: `history: ${what}, ${label(MANY)}`, value, unit, ratio: value / base })
    }
    return {
      rows,
      notes: [
        `History start: startCompanionServer in a child process, median of ${ROUNDS} alternating starts; memory after a full GC; ratio ÷ the 1-conversation folder.`,
        `First start (no index yet, the folders as the first layout left them): ${label(1)} ${firstOne.startMs.toFixed(0)} ms, ${label(MANY)} ${firstMany.startMs.toFixed(0)} ms.`,
      ],
    }
  } finally {
    await Promise.all([one, many].map((dir) => rm(dir, { recursive: true, force: true })))
  }
}
