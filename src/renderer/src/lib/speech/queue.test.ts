/** The speech queue core with a scripted synthesizer and sink: order, look-ahead, drops, skips, stop. */
import { describe, expect, it } from 'vitest'
import { SpeechQueue, type Clip, type ClipEvents } from './queue'

interface Job {
  text: string
  signal: AbortSignal
  resolve(clip: Clip): void
  reject(error: unknown): void
}

/** A synthesizer whose jobs finish when the test says so, and a sink that records what it was given. */
function harness(lookAhead = 2) {
  const jobs: Job[] = []
  const handed: { text: string; sink: string; events: ClipEvents; cancelled: boolean }[] = []
  const log: string[] = []
  const clip = (text: string, sink = 'audio'): Clip => {
    const record = { text, sink, events: undefined as unknown as ClipEvents, cancelled: false }
    return {
      sink,
      start(events) {
        record.events = events
        handed.push(record)
      },
      cancel() {
        record.cancelled = true
      },
    }
  }
  let now = 0
  const queue = new SpeechQueue({
    lookAhead,
    now: () => ++now,
    synthesize: (text, signal) => new Promise<Clip>((resolve, reject) => jobs.push({ text, signal, resolve, reject })),
    listener: {
      started: (item) => log.push(`start ${item.text}`),
      ended: (item) => log.push(`end ${item.text}`),
      failed: (item) => log.push(`fail ${item.text}`),
      idle: () => log.push('idle'),
    },
  })
  const job = (text: string): Job => {
    const found = jobs.find((j) => j.text === text)
    if (!found) throw new Error(`no synthesis of "${text}"`)
    return found
  }
  const finish = async (text: string, sink?: string): Promise<void> => {
    job(text).resolve(clip(text, sink))
    await Promise.resolve()
    await Promise.resolve()
  }
  const fail = async (text: string): Promise<void> => {
    job(text).reject(new Error('boom'))
    await Promise.resolve()
    await Promise.resolve()
  }
  const sink = (text: string) => {
    const found = handed.find((h) => h.text === text)
    if (!found) throw new Error(`"${text}" was not handed to a sink`)
    return found
  }
  return { queue, jobs, handed, log, finish, fail, sink }
}

describe('SpeechQueue', () => {
  it('hands sentences over in arrival order even when synthesis finishes out of order', async () => {
    const h = harness()
    h.queue.push('t1', 'One.')
    h.queue.push('t1', 'Two.')
    await h.finish('Two.')
    expect(h.handed).toEqual([])
    await h.finish('One.')
    expect(h.handed.map((c) => c.text)).toEqual(['One.', 'Two.'])
    h.sink('One.').events.started()
    h.sink('One.').events.ended()
    h.sink('Two.').events.started()
    h.sink('Two.').events.ended()
    expect(h.log).toEqual(['start One.', 'end One.', 'start Two.', 'end Two.', 'idle'])
  })

  it('keeps at most `lookAhead` sentences synthesizing or waiting to play', async () => {
    const h = harness(2)
    for (const text of ['A.', 'B.', 'C.', 'D.', 'E.']) h.queue.push('t1', text)
    expect(h.jobs.map((j) => j.text)).toEqual(['A.', 'B.'])
    await h.finish('A.')
    await h.finish('B.')
    // Both are handed to the sink (scheduled back to back) and still count until A starts.
    expect(h.jobs).toHaveLength(2)
    h.sink('A.').events.started()
    expect(h.jobs.map((j) => j.text)).toEqual(['A.', 'B.', 'C.'])
    h.sink('A.').events.ended()
    h.sink('B.').events.started()
    expect(h.jobs.map((j) => j.text)).toEqual(['A.', 'B.', 'C.', 'D.'])
    expect(h.queue.items.map((i) => `${i.text}:${i.state}`)).toEqual(['B.:playing', 'C.:synthesizing', 'D.:synthesizing', 'E.:waiting'])
  })

  it('a sentence of a new turn drops the older turn, and an interrupted turn stays silent', async () => {
    const h = harness()
    h.queue.push('t1', 'Old one.')
    h.queue.push('t1', 'Old two.')
    await h.finish('Old one.')
    h.sink('Old one.').events.started()
    h.queue.push('t2', 'New.')
    expect(h.sink('Old one.').cancelled).toBe(true)
    expect(h.jobs.find((j) => j.text === 'Old two.')?.signal.aborted).toBe(true)
    expect(h.queue.items.map((i) => i.text)).toEqual(['New.'])
    // A late callback of the dropped clip changes nothing.
    h.sink('Old one.').events.ended()
    expect(h.log).toEqual(['start Old one.'])

    h.queue.dropTurn('t2')
    expect(h.queue.push('t2', 'Late sentence of t2.')).toBeUndefined()
    expect(h.queue.items).toEqual([])
    expect(h.log.at(-1)).toBe('idle')
  })

  it('skips a sentence whose synthesis fails and goes on with the next', async () => {
    const h = harness()
    h.queue.push('t1', 'Fine.')
    h.queue.push('t1', 'Broken.')
    h.queue.push('t1', 'Also fine.')
    await h.fail('Broken.')
    expect(h.log).toEqual(['fail Broken.'])
    expect(h.jobs.map((j) => j.text)).toEqual(['Fine.', 'Broken.', 'Also fine.'])
    await h.finish('Also fine.')
    await h.finish('Fine.')
    expect(h.handed.map((c) => c.text)).toEqual(['Fine.', 'Also fine.'])
    // A clip that fails while playing is skipped as well.
    h.sink('Fine.').events.started()
    h.sink('Fine.').events.failed(new Error('device lost'))
    h.sink('Also fine.').events.started()
    expect(h.log).toEqual(['fail Broken.', 'start Fine.', 'fail Fine.', 'start Also fine.'])
  })

  it('stop cancels what plays and what waits, and ignores the rest of that turn', async () => {
    const h = harness()
    h.queue.push('t1', 'One.')
    h.queue.push('t1', 'Two.')
    await h.finish('One.')
    h.sink('One.').events.started()
    h.queue.stop()
    expect(h.sink('One.').cancelled).toBe(true)
    expect(h.jobs.find((j) => j.text === 'Two.')?.signal.aborted).toBe(true)
    expect(h.queue.playing).toBeUndefined()
    // A synthesis that completes after the stop is thrown away, never played.
    await h.finish('Two.')
    expect(h.handed.map((c) => c.text)).toEqual(['One.'])
    expect(h.queue.push('t1', 'Three.')).toBeUndefined()
    // The next turn speaks again.
    expect(h.queue.push('t2', 'Hello again.')).toBeDefined()
  })

  it('lets a clip of another sink wait until the previous sink has played out', async () => {
    const h = harness()
    h.queue.push('t1', 'Server voice.')
    h.queue.push('t1', 'Browser voice.')
    await h.finish('Server voice.', 'audio')
    await h.finish('Browser voice.', 'web-speech')
    expect(h.handed.map((c) => c.text)).toEqual(['Server voice.'])
    h.sink('Server voice.').events.started()
    h.sink('Server voice.').events.ended()
    expect(h.handed.map((c) => c.text)).toEqual(['Server voice.', 'Browser voice.'])
  })

  it('records when each sentence arrived, began and ended synthesis, started, and the gap its sink saw', async () => {
    const h = harness()
    const item = h.queue.push('t1', 'Timed.', 'happy')
    await h.finish('Timed.')
    h.sink('Timed.').events.started({ gapMs: 1.5 })
    expect(item).toMatchObject({ emotion: 'happy', receivedAt: 1, synthesisStartedAt: 2, synthesizedAt: 3, startedAt: 4, timing: { gapMs: 1.5 } })
  })
})
