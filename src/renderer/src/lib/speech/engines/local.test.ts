/**
 * The local voice's page side, with a scripted worker: replies become clips, a missing or damaged
 * module and a crashed or silent worker become clear reasons, and nothing waits forever.
 */
import { describe, expect, it, vi } from 'vitest'
import { SpeechError } from '../errors'
import type { WorkerReply, WorkerRequest } from '../local/protocol'
import { espeakSettings, localEngine } from './local'

type Script = (request: WorkerRequest, worker: FakeWorker) => void

class FakeWorker {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  readonly requests: WorkerRequest[] = []
  terminated = false
  constructor(private readonly script: Script) {}
  postMessage(request: WorkerRequest): void {
    this.requests.push(request)
    queueMicrotask(() => this.script(request, this))
  }
  reply(data: WorkerReply): void {
    this.onmessage?.({ data } as MessageEvent<WorkerReply>)
  }
  fail(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent)
  }
  terminate(): void {
    this.terminated = true
  }
}

function setup(script: Script, timeouts: { loadTimeoutMs?: number; jobTimeoutMs?: number } = {}) {
  const workers: FakeWorker[] = []
  const decoded: Uint8Array[] = []
  const player = {
    decode: vi.fn(async (bytes: Uint8Array) => (decoded.push(bytes), { duration: 1 }) as unknown as AudioBuffer),
    schedule: vi.fn(() => ({ cancel: () => {} })),
  }
  const engine = localEngine(player, {
    voice: () => ({ voice: 'en-gb', rate: 1.5, pitch: 0.8 }),
    createWorker: () => {
      const worker = new FakeWorker(script)
      workers.push(worker)
      return worker as unknown as Worker
    },
    ...timeouts,
  })
  return { engine, workers, decoded, player }
}

const signal = () => new AbortController().signal
const wav = new Uint8Array([82, 73, 70, 70])

describe('localEngine', () => {
  it('sends the text with the voice, speed and pitch, and plays the WAV at its own speed', async () => {
    const { engine, workers, decoded, player } = setup((request, worker) => worker.reply({ id: request.id, wav }))
    const clip = await engine.prepare('Hello.', signal())
    expect(workers[0]?.requests[0]).toMatchObject({ text: 'Hello.', voice: 'en-gb', rate: 263, pitch: 40 })
    expect(decoded).toEqual([wav])
    const events = { started: vi.fn(), ended: vi.fn(), failed: vi.fn() }
    clip.start(events)
    expect(player.schedule).toHaveBeenCalledWith(expect.anything(), events, { rate: 1 })
  })

  it('turns a missing or damaged module into a clear reason, and starts afresh next time', async () => {
    let failure: 'missing' | 'corrupt' = 'corrupt'
    const { engine, workers } = setup((request, worker) => worker.reply({ id: request.id, failure, detail: 'CompileError: expected magic word' }))
    await expect(engine.prepare('One.', signal())).rejects.toEqual(new SpeechError('localCorrupt', 'CompileError: expected magic word'))
    expect(workers[0]?.terminated).toBe(true)
    failure = 'missing'
    await expect(engine.prepare('Two.', signal())).rejects.toMatchObject({ key: 'localMissing' })
    expect(workers).toHaveLength(2)
  })

  it('fails every waiting sentence when the worker crashes', async () => {
    const { engine } = setup((_request, worker) => worker.fail('SyntaxError in the worker'))
    const results = await Promise.allSettled([engine.prepare('One.', signal()), engine.prepare('Two.', signal())])
    expect(results.map((r) => r.status === 'rejected' && (r.reason as SpeechError).key)).toEqual(['localCrashed', 'localCrashed'])
  })

  it('gives up on a worker that never answers instead of hanging', async () => {
    const { engine, workers } = setup(() => {}, { loadTimeoutMs: 50 })
    await expect(engine.prepare('Anyone?', signal())).rejects.toMatchObject({ key: 'localTimeout' })
    expect(workers[0]?.terminated).toBe(true)
  })

  it('stops waiting at once when the sentence is dropped', async () => {
    const { engine } = setup(() => {})
    const abort = new AbortController()
    const prepared = engine.prepare('Never mind.', abort.signal)
    abort.abort()
    await expect(prepared).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('hands the worker one sentence at a time: one dropped while it waits never reaches it', async () => {
    const { engine, workers } = setup(() => {})
    const first = engine.prepare('First.', signal())
    const dropped = new AbortController()
    const stale = engine.prepare('Stale.', dropped.signal)
    const next = engine.prepare('Next.', signal())
    const worker = (): FakeWorker => workers[0] as FakeWorker
    await vi.waitFor(() => expect(worker().requests.map((r) => r.text)).toEqual(['First.']))
    dropped.abort()
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' })
    worker().reply({ id: worker().requests[0]?.id ?? 0, wav })
    await first
    await vi.waitFor(() => expect(worker().requests.map((r) => r.text)).toEqual(['First.', 'Next.']))
    worker().reply({ id: worker().requests[1]?.id ?? 0, wav })
    await next
  })

  it('a sentence dropped while the worker has it frees the worker once its answer comes', async () => {
    const { engine, workers } = setup(() => {})
    const dropped = new AbortController()
    const running = engine.prepare('Running.', dropped.signal)
    const after = engine.prepare('After.', signal())
    const worker = (): FakeWorker => workers[0] as FakeWorker
    await vi.waitFor(() => expect(worker().requests).toHaveLength(1))
    dropped.abort()
    await expect(running).rejects.toMatchObject({ name: 'AbortError' })
    worker().reply({ id: worker().requests[0]?.id ?? 0, wav })
    await vi.waitFor(() => expect(worker().requests.map((r) => r.text)).toEqual(['Running.', 'After.']))
    worker().reply({ id: worker().requests[1]?.id ?? 0, wav })
    await after
  })

  it('maps the speed and pitch settings onto espeak-ng’s scales', () => {
    expect(espeakSettings({ voice: 'ja', rate: 1, pitch: 1 })).toEqual({ voice: 'ja', rate: 175, pitch: 50 })
    expect(espeakSettings({ voice: 'ko', rate: 0.5, pitch: 1.5 })).toEqual({ voice: 'ko', rate: 88, pitch: 75 })
  })
})
