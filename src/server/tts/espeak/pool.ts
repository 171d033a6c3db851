/**
 * A few worker threads, each given one job at a time: the jobs wait here, not in a worker's
 * message queue, so a job cancelled while it waits is simply dropped (a worker never spends time
 * on a sentence nobody will hear). Workers start when jobs wait and stop after a quiet spell; a
 * job that runs too long restarts its worker; a crashed worker fails only the job it had.
 */
export interface PoolWorker {
  postMessage(message: unknown): void
  on(event: 'message', listener: (reply: unknown) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  terminate(): Promise<number>
  ref(): void
  unref(): void
}

export interface PoolOptions {
  /** How many jobs run at once. */
  size: number
  create(): PoolWorker
  /** A job may run this long before its worker is restarted. */
  jobTimeoutMs: number
  /** Idle workers stop after this long. */
  idleMs: number
  /** The job's outcome from a worker's reply. */
  settle(reply: unknown): { id: number; result: Uint8Array } | { id: number; error: Error }
  /** The error for jobs whose worker failed or was stopped. */
  failure(why: string): Error
}

interface Job {
  id: number
  message: object
  resolve(result: Uint8Array): void
  reject(error: Error): void
}

interface Slot {
  worker: PoolWorker
  job: Job | undefined
  timer: NodeJS.Timeout | undefined
}

export class WorkerPool {
  private readonly waiting: Job[] = []
  private readonly slots: Slot[] = []
  private nextId = 1
  private idleTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: PoolOptions) {}

  /** Jobs waiting for a worker (not counting those running). */
  get queued(): number {
    return this.waiting.length
  }

  run(message: object, signal?: AbortSignal): Promise<Uint8Array> {
    signal?.throwIfAborted()
    return new Promise<Uint8Array>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.waiting.indexOf(job)
        if (at >= 0) this.waiting.splice(at, 1)
        // A running job finishes in its worker (a sentence takes tens of ms); its answer is ignored.
        job.reject(signal?.reason instanceof Error ? signal.reason : new Error('Synthesis aborted'))
      }
      let done = false
      const job: Job = {
        id: this.nextId++,
        message,
        resolve: (result) => {
          if (done) return
          done = true
          signal?.removeEventListener('abort', onAbort)
          resolve(result)
        },
        reject: (error) => {
          if (done) return
          done = true
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        },
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(job)
      this.dispatch()
    })
  }

  private dispatch(): void {
    clearTimeout(this.idleTimer)
    while (this.waiting.length > 0) {
      const slot = this.slots.find((s) => s.job === undefined) ?? (this.slots.length < this.options.size ? this.spawn() : undefined)
      if (!slot) return
      const job = this.waiting.shift() as Job
      slot.job = job
      slot.worker.ref()
      slot.timer = setTimeout(() => {
        job.reject(this.options.failure('took too long; its worker was restarted'))
        this.retire(slot)
      }, this.options.jobTimeoutMs)
      slot.worker.postMessage({ ...job.message, id: job.id })
    }
    if (this.slots.every((s) => s.job === undefined)) this.scheduleIdleStop()
  }

  private spawn(): Slot {
    const worker = this.options.create()
    const slot: Slot = { worker, job: undefined, timer: undefined }
    worker.on('message', (reply) => {
      const outcome = this.options.settle(reply)
      const job = slot.job
      if (!job || job.id !== outcome.id) return
      clearTimeout(slot.timer)
      slot.job = undefined
      if ('error' in outcome) job.reject(outcome.error)
      else job.resolve(outcome.result)
      this.dispatch()
    })
    const fail = (why: string): void => {
      if (!this.slots.includes(slot)) return
      slot.job?.reject(this.options.failure(`worker failed: ${why}`))
      this.retire(slot)
    }
    worker.on('error', (error) => fail(error.message))
    worker.on('exit', (code) => fail(`exited with code ${code}`))
    this.slots.push(slot)
    return slot
  }

  /** Takes a worker out (its job, if any, was settled by the caller) and carries on with the rest. */
  private retire(slot: Slot): void {
    clearTimeout(slot.timer)
    const at = this.slots.indexOf(slot)
    if (at >= 0) this.slots.splice(at, 1)
    void slot.worker.terminate()
    this.dispatch()
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer)
    if (this.slots.length === 0) return
    // Idle: the workers must not keep a process alive on their own.
    for (const slot of this.slots) slot.worker.unref()
    this.idleTimer = setTimeout(() => void this.close(), this.options.idleMs)
    this.idleTimer.unref()
  }

  /** Stops every worker; jobs waiting or running fail. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer)
    const slots = this.slots.splice(0)
    const waiting = this.waiting.splice(0)
    for (const job of [...waiting, ...slots.flatMap((s) => (s.job ? [s.job] : []))]) job.reject(this.options.failure('stopped'))
    for (const slot of slots) clearTimeout(slot.timer)
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }
}
