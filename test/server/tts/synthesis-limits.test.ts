/** `/v1/tts/synthesize` under load: a few syntheses run at once, a few wait, the rest get 429 at once. */
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SYNTHESIS_LIMITS, SynthesisGate } from '../../../src/server/tts/gate'
import type { SynthesisRequest, TtsEngine } from '../../../src/server/tts/types'
import { buildWav } from '../../../src/server/tts/wav'
import { startTestServer, type TestServer } from '../support/server'

/** An engine whose syntheses finish only when the test says so. */
function heldTts(): TtsEngine & { started: SynthesisRequest[]; finishAll(): void } {
  const started: SynthesisRequest[] = []
  const finishers: Array<() => void> = []
  const wav = buildWav({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }, new Uint8Array(16))
  return {
    kind: 'held',
    maxChars: 500,
    started,
    describe: () => 'held tts',
    synthesize: (req) => {
      started.push(req)
      return new Promise((resolve) => finishers.push(() => resolve(wav)))
    },
    finishAll: () => finishers.splice(0).forEach((finish) => finish()),
    close: async () => {},
  }
}

/** POSTs from a given loopback address (127.0.0.x: each a different client). */
function speak(restBase: string, text: string, localAddress: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ text })
    const req = request(`${restBase}/tts/synthesize`, { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (part: string) => (text += part))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

let server: TestServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

describe('synthesis limits', () => {
  it('runs two at once, queues the rest up to the per-client and overall limits, refuses beyond with 429', async () => {
    const tts = heldTts()
    server = await startTestServer({ tts })
    const base = server.restBase
    const { running, waiting, perClient } = DEFAULT_SYNTHESIS_LIMITS
    // One client fills its own share; its next request is refused at once while the others wait.
    const load = async (): Promise<unknown> => ((await (await fetch(`${base}/health`)).json()) as { synthesis: unknown }).synthesis
    const first = Array.from({ length: perClient }, (_, i) => speak(base, `one ${i}.`, '127.0.0.1'))
    await expect.poll(load).toEqual({ running, waiting: perClient - running })
    expect(tts.started).toHaveLength(running)
    const refused = await speak(base, 'one more.', '127.0.0.1')
    expect(refused.status).toBe(429)
    expect(JSON.parse(refused.body)).toEqual({ detail: 'Too many speech requests at once: try again when one has finished' })

    // Other clients fill the queue; past running + waiting everyone is refused.
    const others: Array<Promise<{ status: number }>> = []
    let address = 2
    for (let queued = perClient - running; queued < waiting; ) {
      const take = Math.min(perClient, waiting - queued)
      for (let i = 0; i < take; i++) others.push(speak(base, `client ${address} ${i}.`, `127.0.0.${address}`))
      queued += take
      address++
    }
    await expect.poll(load).toEqual({ running, waiting })
    expect((await speak(base, 'late.', `127.0.0.${address}`)).status).toBe(429)
    expect(tts.started).toHaveLength(running)

    // As syntheses finish, the waiting ones run: every admitted request is answered.
    const all = Promise.all([...first, ...others])
    const finishing = setInterval(() => tts.finishAll(), 5)
    try {
      expect((await all).map((r) => r.status)).toEqual(Array(perClient + waiting - (perClient - running)).fill(200))
    } finally {
      clearInterval(finishing)
    }
    expect(tts.started).toHaveLength(perClient + waiting - (perClient - running))
    expect(await load()).toEqual({ running: 0, waiting: 0 })
  })
})

describe('SynthesisGate', () => {
  it('gives a waiting place back when its client leaves before its turn', async () => {
    const gate = new SynthesisGate({ running: 1, waiting: 1, perClient: 2 })
    const a = gate.admit('a')
    const b = gate.admit('a')
    expect(a && b).toBeTruthy()
    expect(gate.admit('c')).toBeUndefined()
    b?.release()
    await b?.turn
    const c = gate.admit('c')
    expect(c).toBeDefined()
    let cRan = false
    void c?.turn.then(() => (cRan = true))
    a?.release()
    await c?.turn
    expect(cRan).toBe(true)
  })
})
