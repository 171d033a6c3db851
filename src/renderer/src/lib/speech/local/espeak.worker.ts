/**
 * The local voice's module worker: espeak-ng in WebAssembly, off the page's thread. The ~18 MB
 * module (espeak-ng and its voice data in one file) is fetched and compiled once, on the first
 * sentence, and espeak-ng is built once and reused (espeak-run.ts). The page hands it one job at
 * a time (engines/local.ts), so a sentence dropped meanwhile never reaches it.
 * Compiling WebAssembly needs `'wasm-unsafe-eval'` in script-src (src/shared/csp.ts), nothing more.
 */
import ESpeakNg from 'espeak-ng'
import wasmUrl from 'espeak-ng/dist/espeak-ng.wasm?url'
import { messageOf } from '../../../../../shared/errors'
import { compileEspeak, EspeakRunError, EspeakSession, type EspeakFactory } from './espeak-run'
import type { WorkerReply, WorkerRequest } from './protocol'

// espeak-ng's file system builds an error object per failed lookup; their stack traces (never
// shown) would cost more than the synthesis. (V8's setting: the DOM lib does not declare it.)
;(Error as ErrorConstructor & { stackTraceLimit: number }).stackTraceLimit = 0

const factory = ESpeakNg as unknown as EspeakFactory
let session: Promise<EspeakSession> | undefined

async function load(): Promise<EspeakSession> {
  let response: Response
  try {
    response = await fetch(new URL(wasmUrl, import.meta.url))
  } catch (error) {
    throw new EspeakRunError('missing', messageOf(error))
  }
  if (!response.ok) throw new EspeakRunError('missing', `HTTP ${response.status}`)
  return EspeakSession.create(factory, await compileEspeak(await response.arrayBuffer()))
}

async function handle(job: WorkerRequest): Promise<WorkerReply> {
  try {
    session ??= load()
    return { id: job.id, wav: (await session).run(job) }
  } catch (error) {
    if (error instanceof EspeakRunError) return { id: job.id, failure: error.code, detail: error.message }
    return { id: job.id, failure: 'synthesis', detail: messageOf(error) }
  }
}

let queue = Promise.resolve()
self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const job = event.data
  queue = queue.then(async () => {
    const reply = await handle(job)
    self.postMessage(reply, { transfer: 'wav' in reply ? [reply.wav.buffer] : [] })
  })
})
