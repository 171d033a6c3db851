/**
 * The README's first session, in process: `mira serve`, then `mira doctor` and `mira chat` with no token
 * typed — they take the one the local server left in the shared data folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StopSignal } from '../../src/cli/io'
import { main } from '../../src/cli/main'
import { tempDir } from './cli-process'
import { memoryIo, type MemoryIo } from './memory-io'

/** `mira serve` running inside the test; `stop()` sends it SIGTERM and resolves with its exit code. */
async function serveInProcess(dataDir: string, args: string[] = []): Promise<{ url: string; io: MemoryIo; stop: () => Promise<number> }> {
  const io = memoryIo({ env: { MIRA_DATA_DIR: dataDir } })
  let stopHandler: ((signal: StopSignal) => void) | undefined
  let printed: () => void = () => {}
  const listening = new Promise<void>((resolve) => (printed = resolve))
  const write = io.stdout.write
  io.stdout.write = (text: string) => {
    write(text)
    printed()
  }
  io.onStopSignal = (handler) => {
    stopHandler = handler
    return () => (stopHandler = undefined)
  }
  const exit = main(['serve', '--port', '0', '--no-ollama', ...args], io)
  await Promise.race([listening, exit.then((code) => Promise.reject(new Error(`serve exited ${code}: ${io.err}`)))])
  const url = /listening on (\S+)/.exec(io.out)?.[1] ?? ''
  return {
    url,
    io,
    stop: () => {
      stopHandler?.('SIGTERM')
      return exit
    },
  }
}

// Generous: the doctor's TTS check synthesizes speech, slow on a loaded machine.
describe('mira serve, then mira doctor and mira chat with no token', { timeout: 120_000 }, () => {
  it('makes a token it requires, leaves it for local clients, and cleans up when it stops', async () => {
    const dataDir = tempDir()
    const server = await serveInProcess(dataDir, ['--ping-interval-ms', '200'])
    const record = join(dataDir, 'companion', 'serve.json')
    try {
      expect(statSync(record).mode & 0o777).toBe(0o600)
      expect(server.io.err).toContain(`token for other clients: in ${record}`)
      // Another local program that guesses gets refused: the generated token is required.
      const guess = memoryIo({ env: { MIRA_DATA_DIR: dataDir } })
      expect(await main(['chat', '--server', server.url, '--token', 'guessed', 'Hi'], guess)).toBe(2)
      const doctor = memoryIo({ env: { MIRA_DATA_DIR: dataDir } })
      expect(await main(['doctor', '--server', server.url], doctor)).toBe(0)
      expect(doctor.out).toMatch(/authorize\s+pass.*the local `mira serve`/)
      expect(doctor.out).toMatch(/ping\s+pass/)

      const chat = memoryIo({ env: { MIRA_DATA_DIR: dataDir, MIRA_SERVER: server.url } })
      expect(await main(['chat', 'Hello there'], chat)).toBe(0)
      expect(chat.out.trim().length).toBeGreaterThan(0)
    } finally {
      expect(await server.stop()).toBe(0)
    }
    expect(existsSync(record)).toBe(false)
  })

  it('accepts any token with --no-token (loopback only)', async () => {
    const dataDir = tempDir()
    const server = await serveInProcess(dataDir, ['--no-token'])
    try {
      const chat = memoryIo({ env: { MIRA_DATA_DIR: dataDir } })
      expect(await main(['chat', '--server', server.url, '--token', 'anything', 'Hi'], chat)).toBe(0)
    } finally {
      await server.stop()
    }
  })

  it('sends the token the server was started with, and never to another server', async () => {
    const dataDir = tempDir()
    const server = await serveInProcess(dataDir, ['--token', 'only-this'])
    try {
      expect(JSON.parse(readFileSync(join(dataDir, 'companion', 'serve.json'), 'utf8'))).toEqual({ url: server.url, token: 'only-this' })
      const chat = memoryIo({ env: { MIRA_DATA_DIR: dataDir } })
      expect(await main(['chat', '--server', server.url, '--json', 'Hi'], chat)).toBe(0)

      // Another port on this machine is another server: no token is sent there.
      const elsewhere = memoryIo({ env: { MIRA_DATA_DIR: dataDir } })
      const otherPort = new URL(server.url).port === '1' ? '2' : '1'
      expect(await main(['chat', '--server', `ws://127.0.0.1:${otherPort}/v1/chat/stream`, 'Hi'], elsewhere)).toBe(2)
      expect(elsewhere.errLines()[0]).toMatch(/^mira: no token/)
    } finally {
      await server.stop()
    }
  })
})
