import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOpenAiBrain } from '../../../src/server/brains/openai'
import { BrainError, type Brain } from '../../../src/server/brains/types'
import { FakeOpenAiServer, type FakeReply } from '../../support/fake-openai-server'
import { brainInput, collect, failureOf } from './helpers'

let fake: FakeOpenAiServer

beforeEach(async () => {
  fake = await FakeOpenAiServer.start()
})
afterEach(async () => {
  await fake.close()
})

const brainFor = (extra: Partial<Parameters<typeof createOpenAiBrain>[0]> = {}): Brain =>
  createOpenAiBrain({ baseUrl: fake.baseUrl, model: 'llama3.2', timeoutMs: 2_000, idleTimeoutMs: 2_000, ...extra })

async function messageFor(reply: FakeReply, extra: Partial<Parameters<typeof createOpenAiBrain>[0]> = {}): Promise<string> {
  fake.enqueue(reply)
  const error = await failureOf(brainFor(extra).respond(brainInput()))
  expect(error).toBeInstanceOf(BrainError)
  return error.message
}

describe('OpenAI-compatible brain: failures become one-line BrainErrors', () => {
  it.each<[string, FakeReply, RegExp]>([
    ['401', { kind: 'status', status: 401, body: { error: { message: 'Incorrect API key provided' } } }, /^The model server refused the API key \(HTTP 401\): Incorrect API key provided$/],
    ['404 model', { kind: 'status', status: 404, body: { error: { message: 'model "llama3.2" not found, try pulling it first' } } }, /^The model server has no model "llama3.2" \(HTTP 404\)/],
    ['404 path', { kind: 'status', status: 404, body: 'Not Found' }, /^No chat endpoint at http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \(HTTP 404\): check the base URL/],
    ['500', { kind: 'status', status: 500, body: { error: 'boom\nwith a second line' } }, /^The model server failed \(HTTP 500\): boom with a second line$/],
    ['429', { kind: 'status', status: 429, body: { detail: 'slow down' } }, /^The model server is rate-limiting or out of quota \(HTTP 429\): slow down$/],
    ['bad JSON event', { kind: 'raw', body: 'data: {"choices": [oops\n\n' }, /^The model server sent a malformed stream event: \{"choices": \[oops$/],
    ['unexpected event', { kind: 'raw', body: 'data: {"choices": "nope"}\n\n' }, /^The model server sent an unexpected event/],
    ['error event', { kind: 'raw', body: 'data: {"error": {"message": "model overloaded"}}\n\n' }, /^The model server reported an error: model overloaded$/],
    ['cut stream', { kind: 'text', deltas: ['Half an'], end: 'cut' }, /^The model server ended the stream before the answer was complete$/],
  ])('%s', async (_name, reply, expected) => {
    expect(await messageFor(reply)).toMatch(expected)
  })

  it('names an unreachable server', async () => {
    const origin = fake.origin
    await fake.close()
    const error = await failureOf(createOpenAiBrain({ baseUrl: `${origin}/v1`, model: 'x' }).respond(brainInput()))
    expect(error).toBeInstanceOf(BrainError)
    expect(error.message).toBe(`Cannot reach the model server at ${origin}: connection refused`)
    fake = await FakeOpenAiServer.start()
  })

  it('gives up when the server sends no headers within timeoutMs', async () => {
    expect(await messageFor({ kind: 'hang' }, { timeoutMs: 300 })).toBe(`The model server at ${fake.origin} did not answer within 0.3 s`)
    await fake.chatRequests()[0]?.closed
    expect(fake.chatRequests()[0]?.abortedByClient).toBe(true)
  })

  it.each([
    ['before any token', []],
    ['mid-answer', ['Hel', 'lo']],
  ])('gives up when the stream stalls %s for idleTimeoutMs', async (_name, deltas) => {
    fake.enqueue({ kind: 'stall', deltas })
    const seen: string[] = []
    let caught: unknown
    try {
      for await (const event of brainFor({ idleTimeoutMs: 300 }).respond(brainInput())) {
        if (event.type === 'token') seen.push(event.text)
      }
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(BrainError)
    expect((caught as Error).message).toBe(`The model server at ${fake.origin} sent nothing for 0.3 s`)
    expect(seen).toEqual(deltas)
    await fake.chatRequests()[0]?.closed
    expect(fake.chatRequests()[0]?.abortedByClient).toBe(true)
  })

  it('stops at once and closes the upstream connection when the turn is aborted', async () => {
    fake.enqueue({ kind: 'stall', deltas: ['Hel'] })
    const controller = new AbortController()
    const events = brainFor({ idleTimeoutMs: 60_000 }).respond(brainInput({ signal: controller.signal }))
    const iterator = events[Symbol.asyncIterator]()
    expect(await iterator.next()).toEqual({ done: false, value: { type: 'token', text: 'Hel' } })
    controller.abort()
    await expect(iterator.next()).rejects.toMatchObject({ name: 'AbortError' })
    const [request] = fake.chatRequests()
    await request?.closed
    expect(request?.abortedByClient).toBe(true)
  })

  it('aborts before the headers arrive, too', async () => {
    fake.enqueue({ kind: 'hang' })
    const controller = new AbortController()
    const pending = collect(brainFor({ timeoutMs: 60_000 }).respond(brainInput({ signal: controller.signal })))
    while (fake.chatRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await fake.chatRequests()[0]?.closed
    expect(fake.chatRequests()[0]?.abortedByClient).toBe(true)
  })

  it('closes the upstream connection when the consumer stops reading', async () => {
    fake.enqueue({ kind: 'stall', deltas: ['Hel'] })
    for await (const event of brainFor({ idleTimeoutMs: 60_000 }).respond(brainInput())) {
      expect(event).toEqual({ type: 'token', text: 'Hel' })
      break
    }
    const [request] = fake.chatRequests()
    await request?.closed
    expect(request?.abortedByClient).toBe(true)
  })

  it('reports a connection dropped mid-answer', async () => {
    // A raw TCP server: valid headers and one event, then the socket is destroyed.
    const server = createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n')
        const event = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'
        socket.write(`${Buffer.byteLength(event).toString(16)}\r\n${event}\r\n`, () => socket.destroy())
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const brain = createOpenAiBrain({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'x' })
      const error = await failureOf(brain.respond(brainInput()))
      expect(error.message).toBe(`The model server at http://127.0.0.1:${port} dropped the connection mid-answer`)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('rejects bad options with the field named', () => {
    expect(() => createOpenAiBrain({ baseUrl: 'ftp://x', model: 'm' })).toThrow(/^Invalid model server settings: baseUrl must be an http\(s\) URL/)
    expect(() => createOpenAiBrain({ baseUrl: 'http://127.0.0.1:1/v1', model: ' ' })).toThrow(/model must name a model/)
  })
})
