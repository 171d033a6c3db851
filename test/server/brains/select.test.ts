import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { selectBrain } from '../../../src/server/brains/select'
import type { Brain } from '../../../src/server/brains/types'
import { FakeOpenAiServer } from '../../support/fake-openai-server'
import { brainInput, collect, tokensOf } from './helpers'

const fallbackBrain: Brain = {
  kind: 'demo',
  describe: () => 'demo brain',
  respond: async function* () {
    yield { type: 'token', text: 'offline' }
  },
}

/** Probes that must get their answer wait for it however busy the machine is (the default gives up after 800 ms). */
const PATIENT = { probeTimeoutMs: 60_000 }

const open: Array<{ close(): Promise<void> }> = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

async function fakeServer(options: Parameters<typeof FakeOpenAiServer.start>[0]): Promise<FakeOpenAiServer> {
  const fake = await FakeOpenAiServer.start(options)
  open.push(fake)
  return fake
}

/** An origin where nothing listens: a server that was started and closed again. */
async function deadOrigin(): Promise<string> {
  const fake = await FakeOpenAiServer.start()
  const origin = fake.origin
  await fake.close()
  return origin
}

describe('selectBrain', () => {
  it('uses the configured server, checks its model list, and skips the Ollama probe', async () => {
    const configured = await fakeServer({ models: ['gpt-test'] })
    const ollama = await fakeServer({ ollama: true, models: ['llama3.2'] })
    const lines: string[] = []
    const brain = await selectBrain({
      openai: { baseUrl: configured.baseUrl, model: 'gpt-test', apiKey: 'sk-1' },
      ollamaUrl: ollama.origin,
      ...PATIENT,
      fallback: () => fallbackBrain,
      log: (line) => lines.push(line),
    })
    expect(brain.describe()).toBe(`openai-compatible gpt-test at ${configured.baseUrl}`)
    expect(configured.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/v1/models', 'Bearer sk-1']])
    expect(ollama.requests).toEqual([])
    expect(lines[0]).toBe(`brain: ${configured.baseUrl} answers and lists model gpt-test`)
  })

  it('still uses a configured server that is down or lacks the model, with a warning', async () => {
    const origin = await deadOrigin()
    const lines: string[] = []
    const brain = await selectBrain({
      openai: { baseUrl: `${origin}/v1`, model: 'm' },
      probeOllama: true,
      ...PATIENT,
      fallback: () => fallbackBrain,
      log: (line) => lines.push(line),
    })
    expect(brain.kind).toBe('openai')
    expect(lines[0]).toMatch(new RegExp(`^brain: warning: could not check ${origin}/v1/models \\(fetch failed`))

    const other = await fakeServer({ models: ['a', 'b'] })
    lines.length = 0
    await selectBrain({ openai: { baseUrl: other.baseUrl, model: 'm' }, ...PATIENT, fallback: () => fallbackBrain, log: (line) => lines.push(line) })
    expect(lines[0]).toBe(`brain: warning: ${other.baseUrl} does not list model m (it lists: a, b)`)
  })

  it('finds a local Ollama, skips embedding models, and talks to it', async () => {
    const ollama = await fakeServer({ ollama: true, models: ['nomic-embed-text:latest', 'qwen2.5:3b', 'llama3.2'] })
    const brain = await selectBrain({ ollamaUrl: ollama.origin, ...PATIENT, fallback: () => fallbackBrain })
    expect(brain.describe()).toBe(`openai-compatible qwen2.5:3b at ${ollama.origin}/v1`)
    ollama.enqueue({ kind: 'text', deltas: ['From ', 'Ollama'] })
    expect(tokensOf(await collect(brain.respond(brainInput())))).toBe('From Ollama')
    expect(ollama.chatRequests()[0]?.body).toMatchObject({ model: 'qwen2.5:3b' })
  })

  it('accepts a server on the Ollama port that only speaks /v1/models', async () => {
    const server = await fakeServer({ models: ['local-model'] })
    const brain = await selectBrain({ ollamaUrl: server.origin, ...PATIENT, fallback: () => fallbackBrain })
    expect(brain.describe()).toBe(`openai-compatible local-model at ${server.origin}/v1`)
    expect(server.requests.map((r) => r.path)).toEqual(['/api/tags', '/v1/models'])
  })

  it('falls back when Ollama has no chat model', async () => {
    const ollama = await fakeServer({ ollama: true, models: ['mxbai-embed-large'] })
    const lines: string[] = []
    const brain = await selectBrain({ ollamaUrl: ollama.origin, ...PATIENT, fallback: () => fallbackBrain, log: (line) => lines.push(line) })
    expect(brain).toBe(fallbackBrain)
    expect(lines).toEqual([
      `brain: Ollama at ${ollama.origin} has no chat model (try: ollama pull llama3.2)`,
      'brain: demo brain (offline fallback)',
    ])
  })

  it('falls back when nothing listens, or the probe is off', async () => {
    const lines: string[] = []
    const origin = await deadOrigin()
    expect(await selectBrain({ ollamaUrl: origin, ...PATIENT, fallback: () => fallbackBrain, log: (line) => lines.push(line) })).toBe(fallbackBrain)
    expect(lines[0]).toMatch(new RegExp(`^brain: no Ollama at ${origin} \\(fetch failed: .*ECONNREFUSED`))

    const ollama = await fakeServer({ ollama: true, models: ['llama3.2'] })
    expect(await selectBrain({ probeOllama: false, ollamaUrl: ollama.origin, fallback: () => fallbackBrain })).toBe(fallbackBrain)
    expect(ollama.requests).toEqual([])
  })

  it('falls back when the probe gets no answer within probeTimeoutMs', async () => {
    const silent: Server = createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    open.push({
      close: () => {
        silent.closeAllConnections()
        return new Promise((resolve) => silent.close(() => resolve()))
      },
    })
    const origin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    const lines: string[] = []
    const brain = await selectBrain({ ollamaUrl: origin, probeTimeoutMs: 200, fallback: () => fallbackBrain, log: (line) => lines.push(line) })
    expect(brain).toBe(fallbackBrain)
    expect(lines[0]).toBe(`brain: no Ollama at ${origin} (no answer in time)`)
  })
})
