/**
 * The `mira` command as a user meets it: `mira --help` against `node -e 0`, `mira chat` on a 100k-token answer
 * against a bare `ws` client on the same server, and `mira web` (an existing data folder, the UI built) to its
 * URL against `node -e 0`. Whole processes, timed round-robin in this run; goals: --help ≤ 2×, chat ≤ 1.2×,
 * web ≤ 1 s to the URL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Bench, BenchRow } from './harness'
import { interleaved, timeProcess, type ProcessRun } from './cli/time-process'
import { startTokenServer } from './cli/token-server'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MIRA = join(ROOT, 'bin', 'mira.mjs')
const BARE_CLIENT = join(ROOT, 'bench', 'cli', 'bare-client.mjs')
const TOKENS = 100_000
const node = (...args: string[]): ProcessRun => ({ command: process.execPath, args })

function rows(labels: string[], ms: number[]): BenchRow[] {
  const baseline = ms[0] ?? 1
  return labels.map((label, i) => ({ label, value: ms[i] ?? 0, unit: 'ms', ratio: (ms[i] ?? 0) / baseline }))
}

export const cliBench: Bench = {
  name: 'cli',
  description: `the mira command: --help and web start-up vs node -e 0, chat on a ${TOKENS / 1000}k-token answer vs a bare ws client`,
  async run() {
    // Builds out/cli if it is stale, outside the timed runs.
    await timeProcess(node(MIRA, '--version'))
    const dataDir = mkdtempSync(join(tmpdir(), 'mira-bench-cli-'))
    const env = { ...process.env, MIRA_DATA_DIR: dataDir, NO_COLOR: '1' }
    const server = await startTokenServer(TOKENS)
    try {
      const [nodeMs, helpMs] = await interleaved([node('-e', '0'), node(MIRA, '--help')], 15, 2)
      const chatMs = await interleaved(
        [node(BARE_CLIENT, server.url, 'bench-token', 'hi'), { ...node(MIRA, 'chat', '--server', server.url, '--token', 'bench-token', 'hi'), env }],
        5,
      )
      const web: ProcessRun = { ...node(MIRA, 'web', '--no-open', '--port', '0'), env, until: /Mira is running at http/ }
      // The first start makes the data folder (and builds the UI if needed); the timed ones find it there.
      await timeProcess(web)
      const [nodeAgainMs, webMs] = await interleaved([node('-e', '0'), web], 5)
      return {
        title: 'Whole processes on this machine, medians of interleaved runs',
        rows: [
          ...rows(['node -e 0 (baseline)', 'mira --help'], [nodeMs ?? 0, helpMs ?? 0]),
          ...rows([`bare ws client, ${TOKENS / 1000}k-token answer (baseline)`, `mira chat, ${TOKENS / 1000}k-token answer`], chatMs),
          ...rows(['node -e 0 (baseline)', 'mira web, to its URL (data folder exists)'], [nodeAgainMs ?? 0, webMs ?? 0]),
        ],
        notes: ['Goals: mira --help ≤ 2.0× node -e 0; mira chat ≤ 1.2× the bare client; mira web ≤ 1000 ms to its URL.'],
      }
    } finally {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
}
