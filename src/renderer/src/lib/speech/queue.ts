/**
 * The speech queue core, free of browser APIs: sentences of the current turn are synthesized in
 * order with a bounded look-ahead and handed to their output in order, so the output can
 * schedule them back to back. A new turn supersedes the old one; an interrupted or stopped turn
 * stays silent even when more of its sentences arrive later; a failed sentence is skipped.
 */

/** A synthesized sentence, ready for its output (an AudioContext, the browser's speech queue …). */
export interface Clip {
  /** Clips of the same sink may be queued back to back; a different sink waits for silence. */
  readonly sink: string
  /** Queues the clip on its sink after everything handed before. */
  start(events: ClipEvents): void
  /** Stops it at once when playing, or unqueues it. No callbacks follow. */
  cancel(): void
}

export interface ClipEvents {
  /** What the sink knows of the clip's timing (ms), for diagnostics. */
  started(timing?: ClipTiming): void
  ended(): void
  failed(error: unknown): void
}

export interface ClipTiming {
  /** How long the clip plays. */
  durationMs?: number
  /** Silence between the previous clip's end and this start, on the sink's own clock, when it followed one. */
  gapMs?: number
}

export type Synthesize = (text: string, signal: AbortSignal) => Promise<Clip>

export type ItemState = 'waiting' | 'synthesizing' | 'ready' | 'scheduled' | 'playing'

export interface SpeechItem {
  readonly id: number
  readonly turnId: string
  readonly text: string
  readonly emotion: string | undefined
  readonly receivedAt: number
  synthesisStartedAt?: number
  synthesizedAt?: number
  startedAt?: number
  /** As its sink reported it when it started. */
  timing?: ClipTiming
  state: ItemState
}

export interface QueueListener {
  started?(item: SpeechItem): void
  ended?(item: SpeechItem): void
  failed?(item: SpeechItem, error: unknown): void
  /** Nothing waits and nothing plays. */
  idle?(): void
}

export interface QueueOptions {
  synthesize: Synthesize
  /** How many sentences may be synthesizing or waiting to play (the playing one not counted). Default 2. */
  lookAhead?: number
  now?: () => number
  listener?: QueueListener
}

/** How many silenced turns are remembered (their late sentences are ignored). */
const SILENCED_MEMORY = 32

interface Entry {
  item: SpeechItem
  abort: AbortController
  clip?: Clip
}

export class SpeechQueue {
  private readonly entries: Entry[] = []
  private readonly silenced: string[] = []
  private currentTurn: string | undefined
  private nextId = 1
  private readonly lookAhead: number
  private readonly now: () => number

  constructor(private readonly options: QueueOptions) {
    this.lookAhead = Math.max(1, options.lookAhead ?? 2)
    this.now = options.now ?? (() => performance.now())
  }

  /** The sentences not yet finished, in order (the playing one first). */
  get items(): readonly SpeechItem[] {
    return this.entries.map((e) => e.item)
  }

  get playing(): SpeechItem | undefined {
    return this.entries.find((e) => e.item.state === 'playing')?.item
  }

  /** Adds a sentence; one of a newer turn drops the older turn's. Returns the item, or undefined when ignored. */
  push(turnId: string, text: string, emotion?: string): SpeechItem | undefined {
    if (this.silenced.includes(turnId) || !text.trim()) return undefined
    // The superseded turn goes quietly: no `idle` between it and the new sentence.
    if (this.currentTurn !== undefined && this.currentTurn !== turnId) this.remove((e) => e.item.turnId === this.currentTurn)
    this.currentTurn = turnId
    const item: SpeechItem = { id: this.nextId++, turnId, text, emotion, receivedAt: this.now(), state: 'waiting' }
    this.entries.push({ item, abort: new AbortController() })
    this.pump()
    return item
  }

  /** Drops a turn's sentences and ignores any that arrive later (interrupted, or superseded). */
  dropTurn(turnId: string): void {
    this.silence(turnId)
    if (this.remove((e) => e.item.turnId === turnId)) this.pump()
  }

  /** Stop: silence at once, and ignore the rest of the current turn. */
  stop(): void {
    if (this.currentTurn !== undefined) this.silence(this.currentTurn)
    if (this.remove(() => true)) this.pump()
  }

  private silence(turnId: string): void {
    if (this.silenced.includes(turnId)) return
    this.silenced.push(turnId)
    if (this.silenced.length > SILENCED_MEMORY) this.silenced.shift()
  }

  /** Cancels and forgets the matching entries; true when there were any. */
  private remove(which: (e: Entry) => boolean): boolean {
    const removed = this.entries.filter(which)
    for (const entry of removed) {
      entry.abort.abort()
      entry.clip?.cancel()
      this.entries.splice(this.entries.indexOf(entry), 1)
    }
    return removed.length > 0
  }

  private pump(): void {
    this.startSyntheses()
    this.handOver()
    if (this.entries.length === 0) this.options.listener?.idle?.()
  }

  private startSyntheses(): void {
    let ahead = this.entries.filter((e) => e.item.state !== 'waiting' && e.item.state !== 'playing').length
    for (const entry of this.entries) {
      if (ahead >= this.lookAhead) return
      if (entry.item.state !== 'waiting') continue
      ahead++
      this.synthesize(entry)
    }
  }

  private synthesize(entry: Entry): void {
    entry.item.state = 'synthesizing'
    entry.item.synthesisStartedAt = this.now()
    const { signal } = entry.abort
    this.options.synthesize(entry.item.text, signal).then(
      (clip) => {
        if (signal.aborted) return clip.cancel()
        entry.clip = clip
        entry.item.state = 'ready'
        entry.item.synthesizedAt = this.now()
        this.pump()
      },
      (error: unknown) => {
        if (!signal.aborted) this.fail(entry, error)
      },
    )
  }

  /** Hands ready clips to their sinks in order; stops at the first one still being made. */
  private handOver(): void {
    let sink: string | undefined
    for (const entry of this.entries) {
      const { item, clip } = entry
      if (item.state === 'scheduled' || item.state === 'playing') {
        sink = clip?.sink
        continue
      }
      if (item.state !== 'ready' || !clip) return
      // Another sink cannot queue behind this one: wait until it has played out.
      if (sink !== undefined && sink !== clip.sink) return
      sink = clip.sink
      item.state = 'scheduled'
      clip.start(this.clipEvents(entry))
    }
  }

  private clipEvents(entry: Entry): ClipEvents {
    const live = (): boolean => this.entries.includes(entry)
    return {
      started: (timing) => {
        if (!live()) return
        entry.item.state = 'playing'
        entry.item.startedAt = this.now()
        if (timing) entry.item.timing = timing
        this.options.listener?.started?.(entry.item)
        this.pump()
      },
      ended: () => {
        if (!live()) return
        this.entries.splice(this.entries.indexOf(entry), 1)
        this.options.listener?.ended?.(entry.item)
        this.pump()
      },
      failed: (error) => {
        if (live()) this.fail(entry, error)
      },
    }
  }

  private fail(entry: Entry, error: unknown): void {
    this.entries.splice(this.entries.indexOf(entry), 1)
    entry.clip?.cancel()
    this.options.listener?.failed?.(entry.item, error)
    this.pump()
  }
}
