/**
 * The espeak-ng engine's scheduling, with scripted workers: a cancelled sentence that still waits
 * never reaches a worker, sentences run in parallel up to the pool size, and a crash or a stall
 * costs only the job that had the worker. Then the real engine: one reused espeak-ng per worker
 * gives the same audio job after job, also after a job that made espeak-ng exit.
 */
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { EspeakEngine, parseVoiceTable } from '../../../src/server/tts'
import type { PoolWorker } from '../../../src/server/tts/espeak/pool'
import { buildWav, parseWav } from '../../../src/server/tts/wav'
import { startTestServer } from '../support/server'

interface Job {
  id: number
  text: string
}

class FakeWorker extends EventEmitter implements PoolWorker {
  readonly jobs: Job[] = []
  terminated = false
  constructor(private readonly onJob: (job: Job, worker: FakeWorker) => void) {
    super()
  }
  postMessage(message: unknown): void {
    const job = message as Job
    this.jobs.push(job)
    this.onJob(job, this)
  }
  answer(job: Job): void {
    const data = new TextEncoder().encode(job.text.padEnd(8))
    this.emit('message', { id: job.id, wav: buildWav({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 8 }, data) })
  }
  async terminate(): Promise<number> {
    this.terminated = true
    return 0
  }
  ref(): void {}
  unref(): void {}
}

const engines: EspeakEngine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

function scripted(options: { workers: number; jobTimeoutMs?: number }, onJob: (job: Job, worker: FakeWorker) => void = () => {}) {
  const workers: FakeWorker[] = []
  const engine = new EspeakEngine({
    ...options,
    createWorker: () => {
      const worker = new FakeWorker(onJob)
      workers.push(worker)
      return worker
    },
  })
  engines.push(engine)
  const texts = () => workers.flatMap((w) => w.jobs.map((j) => j.text))
  return { engine, workers, texts }
}

/** The engine compiles the real WebAssembly first: slow on a busy machine. */
const poll = <T>(read: () => T) => expect.poll(read, { timeout: 120_000 })

const text = (wav: Uint8Array): string => new TextDecoder().decode(parseWav(wav).data).trim()

describe('EspeakEngine scheduling', () => {
  it('drops a sentence cancelled while it waits: no worker ever synthesizes it', async () => {
    const { engine, workers, texts } = scripted({ workers: 1 })
    const first = engine.synthesize({ text: 'first' })
    const stale = new AbortController()
    const dropped = engine.synthesize({ text: 'stale', signal: stale.signal })
    const next = engine.synthesize({ text: 'next' })
    await poll(texts).toEqual(['first'])
    stale.abort()
    await expect(dropped).rejects.toThrow()
    const worker = workers[0] as FakeWorker
    worker.answer(worker.jobs[0] as Job)
    expect(text(await first)).toBe('first')
    await poll(texts).toEqual(['first', 'next'])
    worker.answer(worker.jobs[1] as Job)
    expect(text(await next)).toBe('next')
  })

  it('synthesizes sentences in parallel up to its pool size, in order of arrival', async () => {
    const { engine, workers, texts } = scripted({ workers: 2 })
    const results = ['one', 'two', 'three'].map((t) => engine.synthesize({ text: t }))
    await poll(texts).toEqual(['one', 'two'])
    expect(workers).toHaveLength(2)
    const [a, b] = workers as [FakeWorker, FakeWorker]
    b.answer(b.jobs[0] as Job)
    await poll(texts).toEqual(['one', 'two', 'three'])
    a.answer(a.jobs[0] as Job)
    b.answer(b.jobs[1] as Job)
    expect((await Promise.all(results)).map(text)).toEqual(['one', 'two', 'three'])
  })

  it('a crashed worker fails its own job only; the next job gets a new worker', async () => {
    const { engine, workers } = scripted({ workers: 1 }, (job, worker) => {
      if (job.text === 'crash') queueMicrotask(() => worker.emit('error', new Error('boom')))
      else queueMicrotask(() => worker.answer(job))
    })
    await expect(engine.synthesize({ text: 'crash' })).rejects.toThrow(/worker failed: boom/)
    expect(text(await engine.synthesize({ text: 'after' }))).toBe('after')
    expect(workers).toHaveLength(2)
    expect(workers[0]?.terminated).toBe(true)
  })

  it('fails the sentence when no worker can start, instead of leaving it waiting', async () => {
    const engine = new EspeakEngine({
      workers: 1,
      createWorker: () => {
        throw new Error('no threads left')
      },
    })
    engines.push(engine)
    await expect(engine.synthesize({ text: 'Hello.' })).rejects.toThrow(/cannot start: no threads left/)
    expect(engine.queued).toBe(0)
  })

  it('restarts a worker whose job never ends', async () => {
    const { engine, workers } = scripted({ workers: 1, jobTimeoutMs: 50 }, (job, worker) => {
      if (job.text !== 'stuck') queueMicrotask(() => worker.answer(job))
    })
    await expect(engine.synthesize({ text: 'stuck' })).rejects.toThrow(/took too long/)
    expect(text(await engine.synthesize({ text: 'fine' }))).toBe('fine')
    expect(workers[0]?.terminated).toBe(true)
  })
})

describe('POST /v1/tts/synthesize, cancelled', () => {
  it('a client that hangs up while its sentence waits takes the job out of the queue', async () => {
    const { engine, workers, texts } = scripted({ workers: 1 })
    const server = await startTestServer({ tts: engine })
    try {
      const post = (text: string, signal?: AbortSignal) =>
        fetch(`${server.restBase}/tts/synthesize`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ text, output_format: 'bytes' }),
          ...(signal ? { signal } : {}),
        })
      const busy = post('Busy.')
      await poll(texts).toEqual(['Busy.'])
      const hangUp = new AbortController()
      const stale = post('Stale.', hangUp.signal).catch((error: unknown) => error)
      await poll(() => engine.queued).toBe(1)
      hangUp.abort()
      expect(await stale).toMatchObject({ name: 'AbortError' })
      await poll(() => engine.queued).toBe(0)
      const worker = workers[0] as FakeWorker
      worker.answer(worker.jobs[0] as Job)
      expect((await busy).status).toBe(200)
      const next = post('Next.')
      await poll(texts).toEqual(['Busy.', 'Next.'])
      worker.answer(worker.jobs[1] as Job)
      expect((await next).status).toBe(200)
    } finally {
      await server.stop()
    }
  })
})

describe('EspeakEngine with espeak-ng', () => {
  it('reuses one espeak-ng per worker: the same sentence gives the same audio every time, also after a failed job', async () => {
    const engine = new EspeakEngine({ workers: 1 })
    engines.push(engine)
    const sentence = 'Hello there, how are you today?'
    const first = await engine.synthesize({ text: sentence })
    const other = await engine.synthesize({ text: 'A different sentence, somewhat longer than the first one.' })
    // An unknown voice makes espeak-ng exit(1) inside the worker; the engine falls back to its own voice.
    const fallback = await engine.synthesize({ text: sentence, voice: 'zz' })
    const again = await engine.synthesize({ text: sentence })
    expect(parseWav(first).data.length).toBeGreaterThan(22_050)
    expect(parseWav(other).data.length).toBeGreaterThan(parseWav(first).data.length)
    expect(Buffer.from(fallback).equals(Buffer.from(first))).toBe(true)
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true)
  }, 120_000)

  it('lists its voices, and speaks at a rate asked for one request', async () => {
    const engine = new EspeakEngine({ workers: 1 })
    engines.push(engine)
    const voices = await engine.voices()
    expect(voices.length).toBeGreaterThan(50)
    expect(voices).toContainEqual({ id: 'en-us', name: 'English (America)' })
    expect(voices).toContainEqual({ id: 'ja', name: 'Japanese' })
    expect(new Set(voices.map((v) => v.id)).size).toBe(voices.length)
    // The list comes after synthesis too: the same worker's espeak-ng starts clean for each job.
    const sentence = 'Speaking at two speeds.'
    const slow = await engine.synthesize({ text: sentence, rate: 100 })
    const fast = await engine.synthesize({ text: sentence, rate: 300 })
    expect(parseWav(slow).data.length).toBeGreaterThan(parseWav(fast).data.length * 2)
    expect(await engine.voices()).toBe(voices)
  }, 120_000)
})

describe('parseVoiceTable', () => {
  it('reads the voice table, skipping the header, odd lines and repeated languages', () => {
    const table = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)',
      ' 5  ja              --/M      Japanese           jpx/ja',
      ' 5  ja              --/F      Japanese_2         jpx/ja2',
      ' 5  b@d             --/M      X                  x',
      '',
    ].join('\n')
    expect(parseVoiceTable(table)).toEqual([
      { id: 'en-us', name: 'English (America)' },
      { id: 'ja', name: 'Japanese' },
    ])
  })
})
