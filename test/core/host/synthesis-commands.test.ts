/**
 * `synthesize` / `cancelSynthesis` in the core: bytes come back as bytes, and a cancel hangs up
 * the REST request, so the server sees its client go (and drops the job). A cancel that overtakes
 * its request still stops it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createSynthesisHandlers } from '../../../src/main/core/host/synthesis-commands'
import { RestClient } from '../../../src/main/core/rest/rest-client'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = undefined
})

/** A TTS server that answers `answer(req, res)`; each request's hang-up is recorded. */
async function ttsServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: { body: unknown; hungUp: Promise<void> }[] = []
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      const hungUp = new Promise<void>((resolve) => res.on('close', () => !res.writableFinished && resolve()))
      requests.push({ body: JSON.parse(body), hungUp })
      answer(req, res)
    })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const rest = new RestClient({ restBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` })
  return { handlers: createSynthesisHandlers(async () => rest), requests }
}

const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WAVE')])

describe('synthesis commands', () => {
  it('asks the server for bytes and hands them on as bytes', async () => {
    const { handlers, requests } = await ttsServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' })
      res.end(WAV)
    })
    const result = await handlers.synthesize({ text: 'Hello.', requestId: 'r1' })
    expect(result.audio).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(result.audio).equals(WAV)).toBe(true)
    expect(result.mimeType).toBe('audio/wav')
    expect(requests[0]?.body).toEqual({ text: 'Hello.', output_format: 'bytes' })
  })

  it('cancelSynthesis hangs up on the server and fails the request', async () => {
    const { handlers, requests } = await ttsServer(() => {})
    const failed = handlers.synthesize({ text: 'A long sentence.', requestId: 'r2' }).catch((error: unknown) => error)
    await expect.poll(() => requests.length, { timeout: 30_000 }).toBe(1)
    await handlers.cancelSynthesis({ requestId: 'r2' })
    await requests[0]?.hungUp
    expect(await failed).toMatchObject({ code: 'server-error', message: expect.stringMatching(/cancelled/) })
  })

  it('a cancel that arrives before its request stops it all the same', async () => {
    const { handlers, requests } = await ttsServer(() => {})
    await handlers.cancelSynthesis({ requestId: 'r3' })
    await expect(handlers.synthesize({ text: 'Too late.', requestId: 'r3' })).rejects.toMatchObject({ message: expect.stringMatching(/cancelled/) })
    expect(requests).toHaveLength(0)
  })
})
