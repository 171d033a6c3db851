/** Starting and stopping: clear errors for a busy port, an unsafe host, an unusable data folder. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CompanionStartError, startCompanionServer } from '../../src/server'
import { fakeTts, startTestServer } from './support/server'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-start-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function startError(options: Parameters<typeof startCompanionServer>[0]): Promise<CompanionStartError> {
  const error = await startCompanionServer({ tts: fakeTts(), ...options }).then(
    async (server) => {
      await server.close()
      throw new Error('The server started')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CompanionStartError)
  expect((error as CompanionStartError).hint).toMatch(/\w/)
  return error as CompanionStartError
}

describe('startCompanionServer', () => {
  it('reports a port in use with the port and how to choose another', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    // An existing backgrounds/ folder skips painting the default art.
    await mkdir(join(dir, 'backgrounds'))
    try {
      const error = await startError({ dataDir: dir, port })
      expect(error.message).toMatch(new RegExp(`^Port ${port} is already in use: .*choose another with --port$`))
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('refuses a non-loopback host without a token', async () => {
    const error = await startError({ dataDir: dir, host: '0.0.0.0', port: 0 })
    expect(error.message).toMatch(/without a token/)
  })

  it('refuses a data folder that is a file, or whose subfolder is a file', async () => {
    const file = join(dir, 'a-file')
    await writeFile(file, 'x')
    expect((await startError({ dataDir: file, port: 0 })).message).toMatch(/not a folder/)
    expect((await startError({ dataDir: join(file, 'below'), port: 0 })).message).toMatch(/unusable|not a folder/)
    await mkdir(join(dir, 'backgrounds'))
    await writeFile(join(dir, 'history'), 'x')
    expect((await startError({ dataDir: dir, port: 0 })).message).toMatch(/history.*not a folder/)
  })

  it('gives the URLs and port, and prints nothing by itself', async () => {
    const writes: unknown[] = []
    const original = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: unknown) => writes.push(chunk) > 0) as typeof process.stdout.write
    try {
      const server = await startTestServer({ log: undefined })
      expect(server.url).toBe(`ws://127.0.0.1:${server.port}/v1/chat/stream`)
      expect(server.restBase).toBe(`http://127.0.0.1:${server.port}/v1`)
      await server.stop()
      await server.close()
    } finally {
      process.stdout.write = original
    }
    expect(writes).toEqual([])
  })
})
