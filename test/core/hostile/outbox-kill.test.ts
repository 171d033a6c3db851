/**
 * Crash safety of the outbox: the web host's core is killed with SIGKILL 20 times while the page
 * sends messages (to a server that is down, so they stay queued); then it runs once against a live
 * server. Every message it acknowledged as queued must reach the server. Event-driven: each kill
 * comes after a number of acknowledgements, not after a time.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { FakeAgentServer } from '../../support/fake-agent-server'

const CHILD = join(import.meta.dirname, 'outbox-child.ts')
const KILLS = 20
/** Acknowledgements to wait for before each kill. */
const ACKS_PER_RUN = 8
/** Nothing listens on port 1: the link stays down and the messages stay queued. */
const DOWN = 'ws://127.0.0.1:1/v1/chat/stream'

const children = new Set<ChildProcess>()
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
})

/** Runs the child; resolves with its acknowledged texts once `acks` came (or it ended), and its exit. */
function runChild(args: string[], acks: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  const acked: string[] = []
  let stderr = ''
  let buffer = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  void exited.then(() => children.delete(child))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const enough = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4))
        if (acked.length >= acks || line === 'done' || (acks === 0 && line === 'started')) resolve()
      }
    })
    void exited.then((code) => reject(new Error(`the child ended (${code}) before ${acks} acknowledgements: ${stderr}`)))
  })
  return { child, acked, enough, exited }
}

describe('the outbox across kill -9', () => {
  it(`delivers every acknowledged message after ${KILLS} kills`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mira-kill-'))
    const server = await FakeAgentServer.start()
    try {
      const acknowledged: string[] = []
      for (let run = 0; run < KILLS; run++) {
        const { child, acked, enough, exited } = runChild([dataDir, DOWN, String(run)], ACKS_PER_RUN)
        await enough
        child.kill('SIGKILL')
        expect(await exited).toBeNull()
        acknowledged.push(...acked)
      }
      const final = runChild([dataDir, server.url, 'final', '--deliver'], 0)
      await final.enough
      const delivered = () => new Set(server.framesOfType('chat_message').map((r) => r.frame.content))
      await vi.waitFor(() => expect(acknowledged.filter((text) => !delivered().has(text))).toEqual([]), { timeout: 120_000, interval: 100 })
      console.log(`outbox kill -9: ${KILLS} kills, ${acknowledged.length} acknowledged, ${acknowledged.length} delivered`)
      final.child.kill('SIGKILL')
      await final.exited
    } finally {
      await server.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 600_000)
})
