/**
 * The espeak-ng worker, as plain JavaScript run with `new Worker(source, { eval: true })`: it
 * needs no file of its own, so it works the same under tsx, vitest and a bundled app.
 *
 * The npm `espeak-ng` package is the Emscripten build of the espeak-ng CLI. Building its module
 * is the costly part (a WebAssembly instance, and an in-memory file system made from 18 MB of
 * voice data), so each worker builds it once, without running `main`, and keeps a copy of its
 * memory as it was then. Every job puts that copy back (espeak-ng's globals, getopt's state, the
 * heap: a fresh start, a few ms) and calls `main` with the job's arguments. An `exit()` inside
 * espeak-ng (an unknown voice) is only a throw here; the next job starts clean all the same.
 * The compiled module comes from the engine (compiled once for all workers).
 * Text goes through a file (`-f`), so text starting with "-" is never read as an option.
 */
export const ESPEAK_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads')

// The file system builds an error object for each failed lookup, and the stack trace it captures
// (never shown) cost more than espeak-ng's own work.
Error.stackTraceLimit = 0

let session
function load() {
  session ??= (async () => {
    const { default: ESpeakNg } = await import(workerData.moduleUrl)
    let exports
    const lines = []
    const out = []
    const module = await ESpeakNg({
      noInitialRun: true,
      instantiateWasm(imports, receive) {
        const instance = new WebAssembly.Instance(workerData.wasm, imports)
        exports = instance.exports
        receive(instance, workerData.wasm)
        return instance.exports
      },
      print(line) {
        out.push(String(line))
      },
      printErr(line) {
        lines.push(String(line))
      },
    })
    const memory = new Uint8Array(exports.memory.buffer)
    const [from, to] = embeddedFiles(exports, memory)
    return { module, exports, lines, out, head: memory.slice(0, from), tail: memory.slice(to), to, stack: exports.stackSave() }
  })()
  return session
}

// The voice data (~18 MB of the 32) lives in memory as the module's embedded files, which
// espeak-ng only reads: their span needs no restoring. Emscripten's table lists them (name,
// length, address; a zero name ends it). Without a usable table, everything is restored.
function embeddedFiles(exports, memory) {
  const table = exports.__emscripten_embedded_file_data
  const words = new Uint32Array(memory.buffer)
  let from = Infinity
  let to = 0
  for (let at = (table && typeof table.value === 'number' ? table.value : 0) >> 2; at > 0 && at + 2 < words.length && words[at] !== 0; at += 3) {
    from = Math.min(from, words[at + 2])
    to = Math.max(to, words[at + 2] + words[at + 1])
  }
  return from < to && to <= memory.length ? [from, to] : [memory.length, memory.length]
}

const encoder = new TextEncoder()

function run(s, args) {
  const { exports } = s
  const heap = new Uint8Array(exports.memory.buffer)
  heap.set(s.head)
  heap.set(s.tail, s.to)
  // Memory grown by an earlier job: malloc hands it out again, as it would fresh memory.
  const end = s.to + s.tail.length
  if (heap.length > end) heap.fill(0, end)
  exports.stackRestore(s.stack)
  const argv = ['espeak-ng', ...args].map((arg) => {
    const bytes = encoder.encode(arg + '\0')
    const at = exports.stackAlloc(bytes.length)
    new Uint8Array(exports.memory.buffer).set(bytes, at)
    return at
  })
  const table = exports.stackAlloc(4 * (argv.length + 1))
  const words = new Uint32Array(exports.memory.buffer, table, argv.length + 1)
  words.set([...argv, 0])
  try {
    return exports.__main_argc_argv(argv.length, table)
  } catch (error) {
    if (error && error.name === 'ExitStatus') return error.status
    throw error
  }
}

async function synthesize(job) {
  const s = await load()
  const { FS } = s.module
  s.lines.length = 0
  FS.writeFile('/in.txt', job.text)
  try {
    FS.unlink('/out.wav')
  } catch {
    // Not there: the first job, or the last one failed.
  }
  const status = run(s, ['-w', '/out.wav', '-v', job.voice, '-s', String(job.rate), '-p', String(job.pitch), '-f', '/in.txt'])
  let wav
  try {
    wav = status === 0 ? FS.readFile('/out.wav').slice() : undefined
  } catch {
    wav = undefined
  }
  if (wav) return wav
  throw new Error(s.lines.find((line) => line.startsWith('Error')) || s.lines[0] || 'espeak-ng produced no audio')
}

// espeak-ng's voice table (its --voices), as text bytes: the engine parses it.
async function listVoices() {
  const s = await load()
  s.out.length = 0
  const status = run(s, ['--voices'])
  if (status !== 0 || s.out.length === 0) throw new Error('espeak-ng listed no voices')
  return encoder.encode(s.out.join('\n'))
}

let queue = Promise.resolve()
parentPort.on('message', (job) => {
  queue = queue.then(async () => {
    try {
      const wav = job.list === 'voices' ? await listVoices() : await synthesize(job)
      parentPort.postMessage({ id: job.id, wav }, [wav.buffer])
    } catch (error) {
      parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) })
    }
  })
})
`
